#!/usr/bin/env node
// The harness is TypeScript run through tsx; this entry registers it and hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
