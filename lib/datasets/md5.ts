/**
 * MD5 (RFC 1321), because DVC names data by it and crypto.subtle has none. Used to verify
 * downloads, never for security.
 */

// Per-round shift amounts and the sine-derived constants K[i] = floor(abs(sin(i + 1)) * 2^32).
const S = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14,
  20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6,
  10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];
const K = Int32Array.from({ length: 64 }, (_, i) =>
  Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32),
);
// Which message word each step reads.
const G = Uint8Array.from({ length: 64 }, (_, i) =>
  i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16,
);

function compress(state: Int32Array, m: Int32Array): void {
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  for (let i = 0; i < 64; i++) {
    let f: number;
    if (i < 16) f = (b & c) | (~b & d);
    else if (i < 32) f = (d & b) | (~d & c);
    else if (i < 48) f = b ^ c ^ d;
    else f = c ^ (b | ~d);
    const sum = (a + f + (K[i] as number) + (m[G[i] as number] as number)) | 0;
    const s = S[i] as number;
    a = d;
    d = c;
    c = b;
    b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
}

function readBlock(bytes: Uint8Array, offset: number, m: Int32Array): void {
  for (let j = 0; j < 16; j++) {
    const o = offset + j * 4;
    m[j] =
      (bytes[o] as number) |
      ((bytes[o + 1] as number) << 8) |
      ((bytes[o + 2] as number) << 16) |
      ((bytes[o + 3] as number) << 24);
  }
}

/** The MD5 of `bytes`, as 32 lowercase hex chars. */
export function md5(bytes: Uint8Array): string {
  const state = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476);
  const m = new Int32Array(16);
  const whole = bytes.length - (bytes.length % 64);
  for (let offset = 0; offset < whole; offset += 64) {
    readBlock(bytes, offset, m);
    compress(state, m);
  }
  // The tail: the rest, a 0x80 byte, zeros, then the bit length as 64-bit little-endian.
  const rest = bytes.length - whole;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(bytes.subarray(whole));
  tail[rest] = 0x80;
  const bits = bytes.length * 8;
  const at = tail.length - 8;
  const low = bits >>> 0;
  const high = Math.floor(bits / 2 ** 32) >>> 0;
  for (let j = 0; j < 4; j++) {
    tail[at + j] = (low >>> (8 * j)) & 0xff;
    tail[at + 4 + j] = (high >>> (8 * j)) & 0xff;
  }
  for (let offset = 0; offset < tail.length; offset += 64) {
    readBlock(tail, offset, m);
    compress(state, m);
  }
  let hex = "";
  for (const word of state) {
    for (let j = 0; j < 4; j++) hex += ((word >>> (8 * j)) & 0xff).toString(16).padStart(2, "0");
  }
  return hex;
}
