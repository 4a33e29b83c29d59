import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// A `k6` on PATH that records how the harness started it and leaves what a real k6 run of the load
// bundle leaves (handleSummary's k6-summary.json in HARNESS_OUT, the JSON output), ten measured
// token requests a run. For tests of what the CLI hands k6, with no k6 installed and no load sent.

const SCRIPT = `
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const args = process.argv.slice(2);
if (args[0] === 'version') {
  console.log('k6 v1.2.3 (fake, for tests)');
  process.exit(0);
}
fs.appendFileSync(process.env.FAKE_K6_RECORD, JSON.stringify(args) + '\\n');
const env = {};
args.forEach((a, i) => {
  if (a === '-e') env[args[i + 1].split('=')[0]] = args[i + 1].split('=').slice(1).join('=');
});
const out = args[args.indexOf('--out') + 1].replace(/^json=/, '');
const endpoint = 'POST /oauth/token';
const check = endpoint + ' | client_secret_post | token_response.status.is_200';
const measured = '{endpoint:' + endpoint + ',phase:measured}';
const tags = JSON.stringify({ endpoint, phase: 'measured', credential: 'client_secret_post', status: '200' });
const lines = [];
for (let i = 0; i < 10; i++) {
  const time = new Date(Date.now() + i).toISOString();
  lines.push('{"metric":"http_reqs","type":"Point","data":{"time":"' + time + '","value":1,"tags":' + tags + '}}');
  lines.push('{"metric":"http_req_duration","type":"Point","data":{"time":"' + time + '","value":' + (5 + i) + ',"tags":' + tags + '}}');
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, zlib.gzipSync(lines.join('\\n') + '\\n'));
const summary = {
  state: { testRunDurationMs: 1000 },
  metrics: {
    http_reqs: { type: 'counter', contains: 'default', values: { count: 10, rate: 10 } },
    ['http_req_duration' + measured]: { type: 'trend', contains: 'time', values: { 'p(95)': 14 }, thresholds: { 'p(95)<500': { ok: true } } },
    ['http_reqs' + measured]: { type: 'counter', contains: 'default', values: { count: 10, rate: 10 }, thresholds: { 'count>=0': { ok: true } } },
  },
  root_group: { name: '', path: '', groups: [], checks: [{ name: check, passes: 10, fails: 0 }] },
};
fs.writeFileSync(path.join(env.HARNESS_OUT, 'k6-summary.json'), JSON.stringify(summary));
`;

export interface FakeK6 {
  /** The environment that puts it first on PATH. */
  env: NodeJS.ProcessEnv;
  /** The arguments of each `k6 run` it was given, in the order they started. */
  runs(): string[][];
}

export function installFakeK6(dir: string): FakeK6 {
  const record = path.join(dir, 'k6-runs.ndjson');
  const k6 = path.join(dir, 'k6');
  writeFileSync(k6, `#!${process.execPath}\n${SCRIPT}`);
  chmodSync(k6, 0o755);
  return {
    env: { PATH: `${dir}${path.delimiter}${process.env.PATH}`, FAKE_K6_RECORD: record },
    runs: () =>
      existsSync(record)
        ? readFileSync(record, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as string[])
        : [],
  };
}
