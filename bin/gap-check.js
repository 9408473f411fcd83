#!/usr/bin/env node
// Thin entry point: all work happens in main(); this file only maps its result to the exit code.
import { main } from '../dist/cli/main.js';

const code = await main({ argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
process.exitCode = code;
