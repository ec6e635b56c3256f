#!/usr/bin/env bash
# `npm test`: typecheck, lint, bun tests, the Deno smoke suite, the Node smoke run — in that order.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
echo "== typecheck (tsc)"; tsc --noEmit -p tsconfig.json
echo "== lint (biome)"; biome ci --colors=off .
echo "== bun test"; bun test
echo "== deno test (test/deno)"; deno test --quiet --allow-read --allow-env --allow-net --allow-sys --allow-write --allow-run test/deno/*.deno.ts
echo "== node smoke (test/node)"; node test/node/smoke.mjs && node test/node/sim-smoke.mjs && node test/node/bot-smoke.mjs
