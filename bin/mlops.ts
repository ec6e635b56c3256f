#!/usr/bin/env bun
/** The `mlops` CLI entry: wires the process to the command table and exits with its code. */
import process from "node:process";
import { runCli } from "./cli.ts";
import { processIo } from "./io.ts";

const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
