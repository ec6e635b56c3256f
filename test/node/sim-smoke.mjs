// Node smoke run of the sim: starts it on a free port under Node (node:http listener) and through
// `node bin/mlops.js sim`, makes real HTTP calls. Prints "N passed, N failed"; exits non-zero on failure.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";
import { checks, equal } from "./checks.mjs";

register();
const { createSim } = await import("../../sim/index.ts");
const { serve } = await import("../../sim/serve.ts");
const { seedPlayground } = await import("../../sim/seed.ts");

const root = fileURLToPath(new URL("../..", import.meta.url));
const tally = checks();
const check = tally.check;

// A webhook receiver over real HTTP that checks the signature.
const hooks = [];
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const expected = `sha256=${createHmac("sha256", "sim-webhook-secret").update(body).digest("hex")}`;
    hooks.push({
      event: req.headers["x-github-event"],
      valid: req.headers["x-hub-signature-256"] === expected,
    });
    res.end("ok");
  });
});
await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
const hookUrl = `http://127.0.0.1:${receiver.address().port}/hook`;

let sim = null;
const served = await serve((r) => sim.fetch(r), { port: 0 });
sim = await createSim({ baseUrl: served.url });
const seeded = await seedPlayground(sim, { name: "churn", mlRepo: null, environments: null });
sim.webhooks.subscribe({ url: hookUrl });
const api = (path, init = {}, token = seeded.tokens.maintainer) =>
  fetch(`${served.url}${path}`, {
    ...init,
    headers: {
      authorization: `token ${token}`,
      "content-type": "application/json",
      ...init.headers,
    },
  });

await check("GET a repository over HTTP", async () => {
  const r = await api("/repos/acme/churn");
  equal([r.status, (await r.json()).full_name], [200, "acme/churn"]);
});
await check("a private resource is 404 without credentials", async () => {
  const r = await fetch(`${served.url}/repos/acme/nope`);
  equal(r.status, 404);
});
await check("contents PUT, pull request, merge: a two-parent merge commit", async () => {
  const main = await (await api("/repos/acme/churn/git/ref/heads%2Fmain")).json();
  equal(
    (
      await api("/repos/acme/churn/git/refs", {
        method: "POST",
        body: JSON.stringify({ ref: "refs/heads/f", sha: main.object.sha }),
      })
    ).status,
    201,
  );
  const put = await api("/repos/acme/churn/contents/a%2Fb.txt", {
    method: "PUT",
    body: JSON.stringify({
      message: "add",
      content: Buffer.from("hi\n").toString("base64"),
      branch: "f",
    }),
  });
  equal(put.status, 201);
  await sim.script.pushCommit({
    repo: "acme/churn",
    branch: "main",
    files: { "m.txt": "m" },
    message: "m",
    author: "maintainer",
  });
  const pr = await (
    await api("/repos/acme/churn/pulls", {
      method: "POST",
      body: JSON.stringify({ head: "f", base: "main", title: "F" }),
    })
  ).json();
  const merge = await api(`/repos/acme/churn/pulls/${pr.number}/merge`, {
    method: "PUT",
    body: "{}",
  });
  const merged = await merge.json();
  const commit = await (await api(`/repos/acme/churn/git/commits/${merged.sha}`)).json();
  equal([merge.status, merged.merged, commit.parents.length], [200, true, 2]);
});
await check("webhooks arrive over HTTP with valid signatures", async () => {
  await sim.idle();
  equal(
    [hooks.length > 0, hooks.every((h) => h.valid), hooks.some((h) => h.event === "pull_request")],
    [true, true, true],
  );
});
await served.close();
await sim.close();
receiver.close();

await check(
  "`node bin/mlops.js sim --port 0 --format json` prints one JSON line first and stops on SIGTERM",
  async () => {
    const child = spawn(
      process.execPath,
      ["bin/mlops.js", "sim", "--port", "0", "--format", "json"],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    const first = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no output within 20s")), 20000);
      child.stdout.on("data", (c) => {
        out += c;
        if (out.includes("\n")) {
          clearTimeout(timer);
          resolve(JSON.parse(out.slice(0, out.indexOf("\n"))));
        }
      });
    });
    const r = await fetch(`${first.url}/repos/acme/ml-environments`, {
      headers: { authorization: `token ${first.tokens.installation}` },
    });
    const code = new Promise((resolve) => child.on("close", resolve));
    child.kill("SIGTERM");
    equal(
      [Object.keys(first.tokens), first.repositories, r.status, await code],
      [
        ["installation", "maintainer", "contributor"],
        ["acme/churn", "acme/ml-environments", "contributor/churn"],
        200,
        0,
      ],
    );
  },
);

process.exit(tally.finish());
