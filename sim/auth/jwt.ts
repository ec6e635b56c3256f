/** App JWTs (RS256), as Probot signs them with the app's private key: key generation and verification on crypto.subtle. */

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(text.length / 4) * 4, "=");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

/** A fresh RSA key pair: the private key as PKCS#8 PEM (what GitHub hands an app) and the public key for verification. */
export async function generateAppKey(): Promise<{ privateKeyPem: string; publicKey: CryptoKey }> {
  const pair = (await crypto.subtle.generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const der = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const body = btoa(String.fromCharCode(...der)).replace(/.{1,64}/g, "$&\n");
  return {
    privateKeyPem: `-----BEGIN PRIVATE KEY-----\n${body}-----END PRIVATE KEY-----\n`,
    publicKey: pair.publicKey,
  };
}

/** Sign an app JWT with a PKCS#8 PEM key (used by tests and scripts; Probot does this itself). */
export async function signAppJwt(p: {
  appId: number;
  privateKeyPem: string;
  now: Date;
}): Promise<string> {
  const der = Uint8Array.from(atob(p.privateKeyPem.replace(/-----[^-]+-----|\s/g, "")), (c) =>
    c.charCodeAt(0),
  );
  const key = await crypto.subtle.importKey("pkcs8", der, RSA, false, ["sign"]);
  const iat = Math.floor(p.now.getTime() / 1000) - 30;
  const enc = new TextEncoder();
  const head = b64url(enc.encode(JSON.stringify({ alg: "RS256", typ: "JWT" })));
  const claims = b64url(enc.encode(JSON.stringify({ iat, exp: iat + 600, iss: p.appId })));
  const sig = new Uint8Array(await crypto.subtle.sign(RSA, key, enc.encode(`${head}.${claims}`)));
  return `${head}.${claims}.${b64url(sig)}`;
}

/** The `iss` claim of a JWT (its app id) before verification, or null when it is not a JWT. */
export function jwtIssuer(token: string): number | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(new TextDecoder().decode(fromB64url(parts[1]!)));
    const iss = Number(claims.iss);
    return Number.isFinite(iss) ? iss : null;
  } catch {
    return null;
  }
}

/** Verify an RS256 app JWT against `publicKey` and its iat/exp against `now`; returns the reason it fails, or null when valid. */
export async function verifyAppJwt(
  token: string,
  publicKey: CryptoKey,
  now: Date,
): Promise<string | null> {
  const [head, claims, sig] = token.split(".") as [string, string, string];
  let ok = false;
  try {
    ok = await crypto.subtle.verify(
      RSA,
      publicKey,
      fromB64url(sig),
      new TextEncoder().encode(`${head}.${claims}`),
    );
  } catch {
    ok = false;
  }
  if (!ok) return "A JSON web token could not be decoded";
  const { iat, exp } = JSON.parse(new TextDecoder().decode(fromB64url(claims))) as {
    iat: number;
    exp: number;
  };
  const t = Math.floor(now.getTime() / 1000);
  if (typeof exp !== "number" || exp < t)
    return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
  if (typeof iat !== "number" || iat > t + 60)
    return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
  if (exp - iat > 600) return "'Expiration time' claim ('exp') is too far in the future";
  return null;
}
