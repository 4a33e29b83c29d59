// The engine process: `auth0-harness k6 run` starts this (bundled, see engine-process.ts) in a lean
// Node process of its own.
import { k6RunCommand } from './k6-run-command.ts';

process.exitCode = await k6RunCommand(process.argv.slice(2));
