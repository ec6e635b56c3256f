#!/usr/bin/env node
// Node entry for `npx mlops`: Node 20 cannot run TypeScript itself, so tsx's loader is registered
// first. Bun and Deno run bin/mlops.ts directly.
import { register } from "tsx/esm/api";

register();
await import("./mlops.ts");
