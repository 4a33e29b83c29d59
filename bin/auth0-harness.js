#!/usr/bin/env node
// The CLI runs from its bundle (build/node-bundles.mjs: plain JS, rebuilt when a source changes), or
// from its TypeScript through tsx where no bundle can be built or written (a read-only install).
import { pathToFileURL } from 'node:url';
import { nodeBundle } from '../build/node-bundles.mjs';

const bundle = await nodeBundle('cli').catch(() => undefined);
let cli;
if (bundle) cli = await import(pathToFileURL(bundle).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../cli/main.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
