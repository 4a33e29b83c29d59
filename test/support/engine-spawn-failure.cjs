// Preloaded into the harness (NODE_OPTIONS=--require) by a test: starting the engine throws, as a bug
// in the runner would, so the test sees what a user gets then. Other processes are left alone.
const childProcess = require('node:child_process');
const { syncBuiltinESMExports } = require('node:module');

if (process.argv[1] && process.argv[1].endsWith('auth0-harness.js')) {
  const spawn = childProcess.spawn;
  childProcess.spawn = function spawnUnlessEngine(command, args, ...rest) {
    if (Array.isArray(args) && args.includes('--log-format')) throw new Error('injected failure: no engine today');
    return spawn.call(this, command, args, ...rest);
  };
  syncBuiltinESMExports();
}
