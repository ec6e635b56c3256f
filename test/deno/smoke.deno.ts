// Deno smoke suite: lib/ runs on Deno's web standards.
import assert from "node:assert/strict";
import { formatDiagnostic } from "../../lib/diagnostics.ts";

Deno.test("diagnostics format as file:line:column: path: message", () => {
  assert.equal(
    formatDiagnostic({ file: "a.yml", line: 3, column: 5, path: "gates", message: "bad" }),
    "a.yml:3:5: gates: bad",
  );
});
