// The engine process: `auth0-harness k6 run` starts this (bundled, see engine-process.ts) in a lean
// Node process of its own.
import { k6RunCommand } from './k6-run-command.ts';

// The launcher passes signals on. Should it die without a word (SIGKILL, a crashed CI runner), the
// channel it opened closes and the run stops as on SIGTERM: teardown, handleSummary and every output
// still happen, and no engine is left loading the target.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

process.exitCode = await k6RunCommand(process.argv.slice(2));
