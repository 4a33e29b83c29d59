import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import {
  fixedLengthDuration,
  fixedLengthFloat,
  fixedLengthInt,
  goDuration,
} from '../../engine/progress/go-durations.ts';
import { renderBars, type ProgressBar } from '../../engine/progress/progress-bars.ts';
import { runScript } from './run-script.ts';

const REFERENCE = fileURLToPath(new URL('../fixtures/k6-reference/', import.meta.url));

// What the reference run's progress showed at its end (test/fixtures/k6-reference/end-of-test-summary.txt).
const REFERENCE_BARS: ProgressBar[] = [
  { line: 'running (00m02.0s), 0/4 VUs, 27 complete and 0 interrupted iterations' },
  { left: 'closed', status: '✓', progress: 1, right: ['2 VUs', '00m00.1s/10m0s', '6/6 iters, 3 per VU'] },
  { left: 'open', status: '✓', progress: 1, right: ['0/2 VUs', '2s', '10.00 iters/s'] },
];
const printed = { tty: false, columns: 80, color: false };

describe('progress as k6 draws it', () => {
  it('prints a block of lines where the output is not a terminal, as the reference k6 printed it', () => {
    const reference = readFileSync(path.join(REFERENCE, 'end-of-test-summary.txt'), 'utf8');
    const block = renderBars(REFERENCE_BARS, printed, true, 6);
    assert.ok(block.startsWith('\n'), 'after an empty line');
    assert.ok(reference.trimEnd().endsWith(block.trimEnd()), block);
  });

  it('on a terminal, fills each bar to fit its width, erases what each line covers and returns to the start', () => {
    const bars: ProgressBar[] = [
      { left: 'a', status: ' ', progress: 0.5, right: ['1 VUs', '1.0s/2s'] },
      { left: 'b', status: '•', progress: 0, right: ['waiting', '0.5s'] },
    ];
    const wide = renderBars(bars, { tty: true, columns: 120, color: false }, true, 4);
    const lines = wide.split('\x1b[K\n');
    assert.equal(lines[0], '', 'an empty first line');
    assert.equal(lines[1], `a      [${'='.repeat(18)}>${'-'.repeat(19)}] 1 VUs    1.0s/2s`);
    assert.equal(lines[2], `b    • [${'-'.repeat(38)}] waiting  0.5s`);
    assert.equal(lines[3], '\r\x1b[J\x1b[3A', 'the cursor goes back up over the block');
    const narrow = renderBars(bars, { tty: true, columns: 40, color: false }, false, 4);
    for (const line of narrow.split('\x1b[K\n')) assert.ok(line.length < 40, `${line} overflows 40 columns`);
    assert.ok(!narrow.includes('\x1b[3A'), 'the last drawing stays');
  });

  it("writes durations and numbers as k6's display does", () => {
    assert.deepEqual(
      [goDuration(2000), goDuration(600_000), goDuration(90_500), goDuration(3_600_000), goDuration(250)],
      ['2s', '10m0s', '1m30.5s', '1h0m0s', '250ms'],
    );
    assert.deepEqual(
      [
        fixedLengthDuration(100, 600_000),
        fixedLengthDuration(2000, 630_000),
        fixedLengthDuration(1000, 2000),
        fixedLengthDuration(4500, 30_000),
        fixedLengthDuration(65_000, 120_000),
      ],
      ['00m00.1s', '00m02.0s', '1.0s', '04.5s', '1m05.0s'],
    );
    assert.deepEqual(
      [fixedLengthInt(3, 120), fixedLengthFloat(10, 10, 2), fixedLengthFloat(2.5, 100, 2)],
      ['003', '10.00', '002.50'],
    );
  });
});

describe('the progress display of a run', () => {
  const script = `const wait = (ms) => new Promise((r) => setTimeout(r, ms));
export const options = { scenarios: {
  steady: { executor: 'constant-vus', vus: 2, duration: '2500ms' },
  counted: { executor: 'per-vu-iterations', vus: 1, iterations: 2 },
} };
export default async function () { await wait(50); }`;
  const RUNNING = /^running \((\d\dm\d\d\.\ds)\), \d\/\d VUs, \d+ complete and \d+ interrupted iterations$/;

  it('prints its block to stdout every second where stdout is not a terminal, and once more after the summary', async () => {
    const r = await runScript(script);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const clocks = lines.filter((l) => RUNNING.test(l)).map((l) => RUNNING.exec(l)?.[1]);
    const summaryAt = lines.findIndex((l) => l.includes('iteration_duration'));
    const lastRunning = lines.length - 1 - [...lines].reverse().findIndex((l) => RUNNING.test(l));
    assert.ok(summaryAt > 0, r.stdout);
    assert.ok(lastRunning > summaryAt, 'the last block follows the summary');
    assert.ok(clocks.length >= 3, `a block a second over 2.5 s, and the last: ${clocks.join(', ')}`);
    assert.deepEqual([...clocks].sort(), clocks, 'the clock moves on');
    assert.ok(
      lines.slice(lastRunning + 1, lastRunning + 3).every((l) => /^(steady |counted) ✓ \[ 100% \] /.test(l)),
      lines.slice(lastRunning).join('\n'),
    );
    assert.ok(!r.stdout.includes('\x1b['), 'no terminal codes in a log');
    assert.ok(!r.stderr.includes('running ('), 'nothing on stderr');
  });

  it('shows nothing under --quiet', async () => {
    const r = await runScript(script, ['--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes('running ('), r.stdout);
    assert.ok(!r.stdout.includes('✓ ['), r.stdout);
    assert.match(r.stdout, /iteration_duration/, 'the summary still');
  });
});
