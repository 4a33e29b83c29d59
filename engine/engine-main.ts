// The engine process: `auth0-harness k6 run` starts this (bundled, see engine-process.ts) in a lean
// Node process of its own.
import { EXIT } from './exit-codes.ts';
import { k6RunCommand } from './k6-run-command.ts';

// The launcher passes signals on. Should it die without a word (SIGKILL, a crashed CI runner), the
// channel it opened closes and the run stops as on SIGTERM: teardown, handleSummary and every output
// still happen, and no engine is left loading the target.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

// Invoked as k6 is: `run [flags] <script>`.
const [command, ...args] = process.argv.slice(2);
if (command === 'run') process.exitCode = await k6RunCommand(args);
else {
  process.stderr.write(`usage: ${process.argv[1]} run [flags] <script> (as \`k6 run\`)\n`);
  process.exitCode = EXIT.invalidConfig;
}
