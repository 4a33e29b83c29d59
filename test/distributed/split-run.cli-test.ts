import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { installFakeK6 } from '../support/fake-k6.ts';
import { runCli } from '../support/run-cli.ts';

// What `run load --segment` and `--local-runners` hand k6: the execution-segment flags k6-operator
// gives its runner pods. A fake k6 records them and leaves a runner's raw results (no k6 is
// installed here, and no load is sent); the split of a real run on the local engine is in
// local-runners.cli-test.ts.

const dir = mkdtempSync(path.join(os.tmpdir(), 'split-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// A tenant the runners would share; the fake k6 never calls it.
const tenant = 'http://127.0.0.1:9';
const configFile = path.join(dir, 'harness.json');
writeFileSync(configFile, JSON.stringify({ baseUrl: tenant, issuer: `${tenant}/`, audience: 'urn:api', clients: {} }));

const segmentFlags = (args: string[]) => args.filter((a) => a.startsWith('--execution-segment'));
const envValue = (args: string[], name: string) =>
  args.find((a, i) => args[i - 1] === '-e' && a.startsWith(`${name}=`))?.slice(name.length + 1);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('auth0-harness run load, split between runners', () => {
  it("--segment i/N runs runner i's share with k6-operator's flags, and a share of the request ceiling", async () => {
    const k6 = installFakeK6(mkdtempSync(path.join(dir, 'k6-')));
    const out = path.join(dir, 'segment');
    const result = await runCli(
      ['run', 'load', '--engine', 'k6', '--out', out, '--segment', '2/3', '--max-rps', '30'].concat([
        '--target',
        tenant,
        '--config',
        configFile,
      ]),
      { env: k6.env },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const [args] = k6.runs();
    assert.deepEqual(segmentFlags(args), ['--execution-segment=1/3:2/3', '--execution-segment-sequence=0,1/3,2/3,1']);
    assert.equal(envValue(args, 'HARNESS_MAX_RPS'), '10');
    assert.equal(readJson(path.join(out, 'summary.json')).segment, '1/3:2/3');
    assert.equal(readJson(path.join(out, 'raw', 'run.json')).segment, '1/3:2/3');
  });

  it('--local-runners N starts N runners, one per segment, each with its own raw folder, and merges them', async () => {
    const k6 = installFakeK6(mkdtempSync(path.join(dir, 'k6-')));
    const out = path.join(dir, 'local-runners');
    const result = await runCli(
      [
        'run',
        'load',
        '--engine',
        'k6',
        '--out',
        out,
        '--local-runners',
        '3',
        '--target',
        tenant,
        '--config',
        configFile,
      ],
      { env: k6.env },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const runs = k6.runs().sort((a, b) => segmentFlags(a)[0].localeCompare(segmentFlags(b)[0]));
    assert.deepEqual(
      runs.map((args) => [...segmentFlags(args), envValue(args, 'HARNESS_OUT')]),
      [
        [
          '--execution-segment=0:1/3',
          '--execution-segment-sequence=0,1/3,2/3,1',
          path.join(out, 'runners', '1', 'raw'),
        ],
        [
          '--execution-segment=1/3:2/3',
          '--execution-segment-sequence=0,1/3,2/3,1',
          path.join(out, 'runners', '2', 'raw'),
        ],
        [
          '--execution-segment=2/3:1',
          '--execution-segment-sequence=0,1/3,2/3,1',
          path.join(out, 'runners', '3', 'raw'),
        ],
      ],
    );
    // no runner draws k6's progress into a log (a terminal would get the first runner's alone)
    assert.deepEqual(
      runs.map((args) => args.includes('--quiet')),
      [true, true, true],
    );
    const summary = readJson(path.join(out, 'summary.json'));
    assert.deepEqual(
      summary.runners.map((r: { raw: string; segment: string; requests: number }) => [r.raw, r.segment, r.requests]),
      [
        [path.join('runners', '1', 'raw'), '0:1/3', 10],
        [path.join('runners', '2', 'raw'), '1/3:2/3', 10],
        [path.join('runners', '3', 'raw'), '2/3:1', 10],
      ],
    );
    assert.equal(summary.endpoints[0].requests, 30);
    assert.equal(summary.engine, 'k6 v1.2.3 (3 runners, merged)');
    assert.equal(readJson(path.join(out, 'runners', '2', 'raw', 'run.json')).segment, '1/3:2/3');
    assert.equal(existsSync(path.join(out, 'raw')), false);
  });

  it('refuses, with one sentence and exit 2, a split that cannot work', async () => {
    const refused = async (args: string[], message: RegExp) => {
      const result = await runCli(['run', ...args, '--out', path.join(dir, 'refused')]);
      assert.equal(result.code, 2, result.stdout + result.stderr);
      assert.match(result.stderr, message);
    };
    await refused(
      ['load', '--segment', '1/3'],
      /--segment: --target local starts a tenant of this process's own.*--local-runners N/,
    );
    await refused(
      ['load', '--segment', '4/3', '--target', tenant, '--config', configFile],
      /--segment: "4\/3" is not i\/N with i from 1 to N/,
    );
    await refused(['conformance', '--local-runners', '2'], /--local-runners: only the load suite can be split/);
    await refused(['load', '--local-runners', '0'], /--local-runners: "0" is not a whole number of 1 or more/);
    await refused(['load', '--local-runners', '2', '--segment', '1/2'], /--segment and --local-runners: choose one/);
    await refused(['load', '--local-runners', '2', '--find-max'], /--local-runners: --find-max steps the rate up/);
    await refused(
      ['load', '--local-runners', '4', '--max-rps', '3', '--rate', '1'],
      /--max-rps: 3 requests a second shared by 4 runners is less than one each; raise --max-rps or use fewer --local-runners/,
    );
  });
});
