#!/usr/bin/env node
// The CLI runs from its bundle (build/node-bundles.mjs: plain JS, rebuilt when a source changes, with
// V8's code cache per command beside it), or from its TypeScript through tsx where no bundle can be
// built or written (a read-only install).
import { loadCodeCachedBundle } from '../build/code-cached-bundle.mjs';
import { nodeBundle } from '../build/node-bundles.mjs';

const args = process.argv.slice(2);
const bundle = await nodeBundle('cli').catch(() => undefined);
if (bundle) {
  // A command runs its own part of the CLI: each keeps the code cache of what it ran.
  const command = /^[a-z][a-z0-9-]*$/.test(args[0] ?? '') ? args[0] : 'other';
  const cli = loadCodeCachedBundle(bundle, command);
  process.exitCode = await cli.exports.main(args);
  // A refused command line (a typo) ran next to nothing worth keeping.
  if (process.exitCode !== 2) cli.keepCodeCache();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const cli = await import('../cli/main.ts');
  process.exitCode = await cli.main(args);
}
