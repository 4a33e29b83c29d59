// A test split into 2, 3 and 4 segments, each run as its own `k6 run --execution-segment …` process as
// the k6-operator's runners are: together they must run what the unsegmented test runs, each its own
// share (the shares' arithmetic is checked against k6's tables in execution-segments.test.ts).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runScript, type ScriptRun } from './run-script.ts';

// Every executor at once, for about a second. Iterations report what k6/execution says about them;
// the arrival-rate scenarios have a VU for every start, so that none is dropped on a busy machine, and
// none due at the very end of their second, where the end may come first.
const SCRIPT = `import exec from 'k6/execution';
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
export const options = {
  scenarios: {
    si: { executor: 'shared-iterations', vus: 10, iterations: 50, exec: 'fast' },
    pvi: { executor: 'per-vu-iterations', vus: 5, iterations: 3, exec: 'fast' },
    cv: { executor: 'constant-vus', vus: 7, duration: '1s', exec: 'slow' },
    rv: { executor: 'ramping-vus', startVUs: 3, stages: [{ duration: '500ms', target: 9 }, { duration: '500ms', target: 0 }], exec: 'slow' },
    car: { executor: 'constant-arrival-rate', rate: 30, duration: '1s', preAllocatedVUs: 10, maxVUs: 10, exec: 'fast' },
    rar: { executor: 'ramping-arrival-rate', startRate: 0, stages: [{ duration: '500ms', target: 60 }, { duration: '500ms', target: 10 }], preAllocatedVUs: 10, maxVUs: 10, exec: 'fast' },
  },
};
const report = () => console.log(JSON.stringify({
  scenario: exec.scenario.name, vu: exec.vu.idInInstance, vuInTest: exec.vu.idInTest,
  iteration: exec.scenario.iterationInInstance, iterationInTest: exec.scenario.iterationInTest,
}));
export function fast() { report(); }
export async function slow() { report(); await wait(50); }
export function teardown() { console.log(JSON.stringify({ vusInitialized: exec.instance.vusInitialized })); }
`;

interface Iteration {
  scenario: string;
  vu: number;
  vuInTest: number;
  iteration: number;
  iterationInTest: number;
}

interface Instance {
  iterations: Iteration[];
  vusInitialized: number;
}

function instanceOf(run: ScriptRun): Instance {
  assert.equal(run.code, 0, run.stderr);
  const lines = run.consoleLines.map((l) => JSON.parse(l));
  return {
    iterations: lines.filter((l) => 'scenario' in l),
    vusInitialized: lines.find((l) => 'vusInitialized' in l).vusInitialized,
  };
}

const evenSequence = (n: number) => Array.from({ length: n + 1 }, (_, i) => `${i}/${n}`).join(',');
const segmentFlags = (n: number, i: number) => [
  '--execution-segment',
  `${i}/${n}:${i + 1}/${n}`,
  '--execution-segment-sequence',
  evenSequence(n),
  // The three-way split shares its VUs with a host thread: the numbers in the test reach VUs there too.
  ...(n === 3 ? ['--threads', '2'] : []),
];

/** Runs at most two processes at a time (the machine has two cores, shared). */
async function runAll(argLists: string[][]): Promise<ScriptRun[]> {
  const results: ScriptRun[] = [];
  for (let i = 0; i < argLists.length; i += 2)
    results.push(...(await Promise.all(argLists.slice(i, i + 2).map((args) => runScript(SCRIPT, ['-q', ...args])))));
  return results;
}

const of = (instance: Instance, scenario: string) => instance.iterations.filter((i) => i.scenario === scenario);
const sorted = (numbers: number[]) => [...numbers].sort((a, b) => a - b);
const distinct = (numbers: number[]) => new Set(numbers).size;

describe('a test run in 2, 3 and 4 segments', () => {
  let whole: Instance;
  const split = new Map<number, Instance[]>();

  before(async () => {
    const counts = [2, 3, 4];
    const argLists = [[], ...counts.flatMap((n) => Array.from({ length: n }, (_, i) => segmentFlags(n, i)))];
    const runs = (await runAll(argLists)).map(instanceOf);
    whole = runs.shift()!;
    for (const n of counts) split.set(n, runs.splice(0, n));
  });

  for (const n of [2, 3, 4]) {
    describe(`${n} segments`, () => {
      it('initialise exactly the VUs of the whole test between them', () => {
        const parts = split.get(n)!;
        assert.equal(
          parts.reduce((sum, p) => sum + p.vusInitialized, 0),
          whole.vusInitialized,
        );
      });

      it("run every shared and arrival-rate iteration of the whole test once, numbered as the test's", () => {
        for (const scenario of ['si', 'car', 'rar']) {
          const numbers = split.get(n)!.flatMap((p) => of(p, scenario).map((i) => i.iterationInTest));
          assert.deepEqual(sorted(numbers), sorted(of(whole, scenario).map((i) => i.iterationInTest)), scenario);
          assert.equal(distinct(numbers), of(whole, scenario).length, scenario);
        }
      });

      it('run exactly the per-VU iterations of the whole test, no iteration number twice', () => {
        const numbers = split.get(n)!.flatMap((p) => of(p, 'pvi').map((i) => i.iterationInTest));
        assert.equal(numbers.length, of(whole, 'pvi').length);
        assert.equal(distinct(numbers), numbers.length);
      });

      it('loop exactly the constant and ramping VUs of the whole test between them, each VU in one segment only', () => {
        for (const scenario of ['cv', 'rv']) {
          const vusPerPart = split.get(n)!.map((p) => distinct(of(p, scenario).map((i) => i.vuInTest)));
          assert.equal(
            vusPerPart.reduce((a, b) => a + b, 0),
            distinct(of(whole, scenario).map((i) => i.vuInTest)),
            scenario,
          );
        }
        const allVus = split.get(n)!.flatMap((p) => [...new Set(p.iterations.map((i) => i.vuInTest))]);
        assert.equal(distinct(allVus), allVus.length, 'a VU number of the test used by two segments');
      });
    });
  }

  it("gives each of three segments k6's share: VUs and shared iterations 4 and 20, 3 and 15, 3 and 15; arrivals 12, 9, 9 and 13, 10, 9", () => {
    const parts = split.get(3)!;
    const vus = (p: Instance, scenario: string) => distinct(of(p, scenario).map((i) => i.vu));
    assert.deepEqual(
      parts.map((p) => [of(p, 'si').length, of(p, 'pvi').length, of(p, 'car').length, of(p, 'rar').length]),
      [
        [20, 6, 12, 13],
        [15, 6, 9, 10],
        [15, 3, 9, 9],
      ],
    );
    assert.deepEqual(
      parts.map((p) => [vus(p, 'cv'), vus(p, 'rv'), vus(p, 'pvi')]),
      [
        [3, 3, 2],
        [2, 3, 2],
        [2, 3, 1],
      ],
    );
    assert.deepEqual(
      parts.map((p) => p.vusInitialized),
      [20, 16, 15],
    );
  });

  it('numbers VUs and iterations in the instance from 1 and 0, and in the test by the segment’s stripe', () => {
    // 1/3:2/3 of 0,1/3,2/3,1 owns the test's second of every three: VUs 2, 5, 8…; iterations 1, 4, 7…
    const middle = split.get(3)![1];
    for (const i of middle.iterations) assert.equal(i.vuInTest, 3 * i.vu - 1, JSON.stringify(i));
    for (const i of of(middle, 'pvi')) assert.equal(i.iterationInTest, 3 * i.iteration + 1, JSON.stringify(i));
    const unsegmented = whole.iterations.every((i) => i.vu === i.vuInTest && i.iteration === i.iterationInTest);
    assert.ok(unsegmented, 'unsegmented, the numbers in the instance are the numbers in the test');
  });
});

describe('segments k6 refuses', () => {
  const script = (options = '{}') =>
    `export const options = ${options};\nexport default function () { console.log('iteration'); }\n`;
  const cases: [name: string, args: string[], options: string | undefined, message: string][] = [
    [
      'a malformed --execution-segment',
      ['--execution-segment', '1a5'],
      undefined,
      "--execution-segment 1a5: '1a5' is not a valid percentage, decimal, fraction or interval value; write a segment like 1/3:2/3, 0.5:1 or 0:25%",
    ],
    [
      'a --execution-segment-sequence of one point',
      ['--execution-segment-sequence', '0.5'],
      undefined,
      '--execution-segment-sequence 0.5: at least 2 points are needed for an execution segment sequence, 1 given',
    ],
    [
      'a segment that is not one of the sequence',
      ['--execution-segment', '1/4:1/2', '--execution-segment-sequence', '0,1/3,2/3,1'],
      undefined,
      "provided segment 1/4:1/2 can't be found in sequence 0,1/3,2/3,1",
    ],
    [
      "a script's executionSegment that ends before it starts",
      [],
      "{ executionSegment: '2/3:1/3' }",
      'executionSegment: segment start(0.67) must be less than its end(0.33)',
    ],
  ];
  const runs: ScriptRun[] = [];
  before(async () => {
    for (let i = 0; i < cases.length; i += 2)
      runs.push(
        ...(await Promise.all(cases.slice(i, i + 2).map(([, args, options]) => runScript(script(options), args)))),
      );
  });

  cases.forEach(([name, , , message], i) => {
    it(`refuses ${name} with k6's message and exit code 104, before running anything`, () => {
      assert.equal(runs[i].code, 104, runs[i].stderr);
      assert.ok(runs[i].stderr.includes(message), runs[i].stderr);
      assert.ok(!runs[i].stderr.includes('    at '), 'no stack trace');
      assert.deepEqual(runs[i].consoleLines, [], 'no iteration ran');
    });
  });
});
