import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { engineDisplayArgs, startStatusLine, STATUS_INTERVAL_MS, statusLine } from '../../cli/run-status.ts';

describe('what a run shows while it runs', () => {
  it("leaves k6's live progress to the engine on a terminal, and quiets it elsewhere or with --quiet", () => {
    assert.deepEqual(engineDisplayArgs({ quiet: false, terminal: true }), []);
    assert.deepEqual(engineDisplayArgs({ quiet: false, terminal: false }), ['--quiet']);
    assert.deepEqual(engineDisplayArgs({ quiet: true, terminal: true }), ['--quiet']);
  });

  it('says in one line what is running, for how long, and how many check failures were logged', () => {
    assert.equal(statusLine('load', 80_400, 0), 'run: load, 1m20s so far, no check failure so far\n');
    assert.equal(statusLine('conformance', 5_000, 1), 'run: conformance, 0m05s so far, 1 check failure logged\n');
    assert.equal(statusLine('ratelimit', 600_000, 3), 'run: ratelimit, 10m00s so far, 3 check failures logged\n');
  });

  it('prints the status line at a steady interval off a terminal, until stopped', () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'] });
    try {
      const lines: string[] = [];
      let findings = 0;
      const stop = startStatusLine(
        { quiet: false, terminal: false },
        'load',
        () => findings,
        (t) => lines.push(t),
      );
      mock.timers.tick(STATUS_INTERVAL_MS - 1);
      assert.deepEqual(lines, []);
      mock.timers.tick(1);
      findings = 2;
      mock.timers.tick(STATUS_INTERVAL_MS);
      stop();
      mock.timers.tick(STATUS_INTERVAL_MS * 3);
      assert.deepEqual(lines, [
        statusLine('load', STATUS_INTERVAL_MS, 0),
        statusLine('load', 2 * STATUS_INTERVAL_MS, 2),
      ]);
    } finally {
      mock.timers.reset();
    }
  });

  it('prints nothing on a terminal (the bars say it) or with --quiet', () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'] });
    try {
      const lines: string[] = [];
      startStatusLine(
        { quiet: false, terminal: true },
        'load',
        () => 0,
        (t) => lines.push(t),
      )();
      startStatusLine(
        { quiet: true, terminal: false },
        'load',
        () => 0,
        (t) => lines.push(t),
      )();
      mock.timers.tick(STATUS_INTERVAL_MS * 2);
      assert.deepEqual(lines, []);
    } finally {
      mock.timers.reset();
    }
  });
});
