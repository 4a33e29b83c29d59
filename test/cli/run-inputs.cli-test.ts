import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, type CliResult } from '../support/run-cli.ts';

// The files and flags of `run` (and `report`). When one is wrong the user sees one `error:` sentence
// per problem naming the field and the fix, exit 2, no stack trace, and nothing of a previous run lost.

const dir = mkdtempSync(path.join(os.tmpdir(), 'run-inputs-'));
// Readable by the user the CLI may run as (below), except what a test makes unreadable.
chmodSync(dir, 0o755);
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, content, { mode: 0o644 });
  return file;
};
const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' });
write('client.key', key as string);
write('garbage.key', '-----BEGIN PRIVATE KEY-----\nZ2FyYmFnZSBnYXJiYWdlIGdhcmJhZ2U=\n-----END PRIVATE KEY-----\n');
chmodSync(write('unreadable.key', key as string), 0o000);
mkdirSync(path.join(dir, 'folder.key'));
const TARGET = 'http://127.0.0.1:9';
const configWithKey = (name: string, privateKeyFile: string) =>
  write(
    name,
    JSON.stringify({
      baseUrl: TARGET,
      audience: 'https://api/',
      clients: { private_key_jwt: { clientId: 'pkj', privateKeyFile } },
    }),
  );
// File permissions do not bind root: the CLI then runs as nobody, for whom mode 000 means unreadable.
const asUnprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

const refusedCleanly = (result: CliResult) => {
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /^error: /);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
};
const run = (...args: string[]) =>
  runCli(['run', 'conformance', '--target', TARGET, '--out', path.join(dir, 'out'), ...args], asUnprivileged);

describe('auth0-harness run: its inputs', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a private key file with garbage between its PEM markers before anything runs', async () => {
    const result = await run('--config', configWithKey('garbage.json', 'garbage.key'));
    refusedCleanly(result);
    assert.match(
      result.stderr,
      /clients\.private_key_jwt\.privateKeyFile: .*garbage\.key has PEM markers but its content is not a readable private key/,
    );
    assert.doesNotMatch(result.stderr, /engine:|tenant:/, 'nothing started');
  });

  it('refuses JSON null, a key path naming a folder, and an unreadable key file with a sentence each', async () => {
    const nullConfig = await run('--config', write('null.json', 'null'));
    refusedCleanly(nullConfig);
    assert.match(nullConfig.stderr, /--config: .*null\.json holds null; it should hold a JSON object/);

    const folder = await run('--config', configWithKey('folder.json', 'folder.key'));
    refusedCleanly(folder);
    assert.match(folder.stderr, /privateKeyFile: .*folder\.key is a folder; give the path of a PEM private key\./);

    const unreadable = await run('--config', configWithKey('unreadable.json', 'unreadable.key'));
    refusedCleanly(unreadable);
    assert.match(
      unreadable.stderr,
      /privateKeyFile: .*unreadable\.key cannot be read \(permission denied\); make it readable for this user/,
    );
  });

  it('leaves the previous run in --out untouched when an input is refused', async () => {
    const out = path.join(dir, 'kept');
    mkdirSync(path.join(out, 'raw'), { recursive: true });
    writeFileSync(path.join(out, 'raw', 'summary.json'), '{"from": "the previous run"}');
    chmodSync(out, 0o777);
    chmodSync(path.join(out, 'raw'), 0o777);
    const result = await runCli(
      [...['run', 'conformance', '--target', TARGET, '--out', out], '--config', configWithKey('g.json', 'garbage.key')],
      asUnprivileged,
    );
    refusedCleanly(result);
    assert.equal(readFileSync(path.join(out, 'raw', 'summary.json'), 'utf8'), '{"from": "the previous run"}');
  });

  it('refuses an --out that is a file, or in a folder it cannot write to, before anything runs', async () => {
    const config = configWithKey('out.json', 'client.key');
    const file = write('a-file', '');
    const intoFile = await runCli(
      ['run', 'conformance', '--target', TARGET, '--config', config, '--out', path.join(file, 'out')],
      asUnprivileged,
    );
    refusedCleanly(intoFile);
    assert.match(intoFile.stderr, /--out: .*a-file is a file; give a folder for the run's outputs\./);
    const readOnly = path.join(dir, 'read-only');
    mkdirSync(readOnly, { mode: 0o555 });
    const notWritable = await runCli(
      ['run', 'conformance', '--target', TARGET, '--config', config, '--out', path.join(readOnly, 'out')],
      asUnprivileged,
    );
    refusedCleanly(notWritable);
    assert.match(
      notWritable.stderr,
      /--out: .*read-only is not writable for this user; give a folder you can write to\./,
    );
  });

  it('refuses --config with the local target instead of ignoring it, saying what to do', async () => {
    const config = configWithKey('local.json', 'client.key');
    const result = await runCli(['run', 'conformance', '--config', config, '--out', path.join(dir, 'out')]);
    refusedCleanly(result);
    assert.match(
      result.stderr,
      /--config: a harness configuration is for a tenant named with --target <url>, and --target is local.*\(this file is for http:\/\/127\.0\.0\.1:9: add --target http:\/\/127\.0\.0\.1:9\)/,
    );
    assert.doesNotMatch(result.stderr, /tenant: local tenant/, 'no tenant was started');
  });

  it('refuses bad --expected-failures and --baseline files before the run, both at once', async () => {
    const result = await run(
      '--config',
      configWithKey('ok.json', 'client.key'),
      '--expected-failures',
      dir,
      '--baseline',
      write('not-a-summary.json', '{"suite": 1}'),
    );
    refusedCleanly(result);
    assert.match(result.stderr, /^error: --baseline: .*not-a-summary\.json is not an auth0-harness summary\.json/m);
    assert.match(
      result.stderr,
      /^error: --expected-failures: .* is a folder; give the path of an expected-failures JSON file\./m,
    );
  });

  it('refuses a bad report --config the same way', async () => {
    const out = path.join(dir, 'report-out');
    mkdirSync(path.join(out, 'raw'), { recursive: true });
    writeFileSync(
      path.join(out, 'raw', 'run.json'),
      JSON.stringify({
        suite: 'conformance',
        target: TARGET,
        engine: 'k6',
        profile: 'auth0',
        startedAt: new Date(),
        durationMs: 1,
      }),
    );
    const result = await runCli(['report', '--out', out, '--config', configWithKey('r.json', 'garbage.key')]);
    refusedCleanly(result);
    assert.match(result.stderr, /garbage\.key has PEM markers but its content is not a readable private key/);
  });

  it('report names a damaged raw file of a run instead of failing with a stack trace', async () => {
    const out = path.join(dir, 'damaged-out');
    mkdirSync(path.join(out, 'raw'), { recursive: true });
    writeFileSync(path.join(out, 'raw', 'run.json'), '{"suite": "conformance", "tar');
    const result = await runCli(['report', '--out', out]);
    refusedCleanly(result);
    assert.match(
      result.stderr,
      /--out: .*run\.json is not valid JSON: a string that is not closed at line 1, column 26/,
    );
  });

  it('shows an unexpected error with its stack, after writing the reports of what ran', async () => {
    const out = path.join(dir, 'bug-out');
    const result = await runCli(['run', 'conformance', '--engine', 'local', '--out', out], {
      env: { NODE_OPTIONS: `--require ${path.resolve('test/support/engine-spawn-failure.cjs')}` },
    });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /Error: injected failure: no engine today\n\s+at /);
    assert.ok(existsSync(path.join(out, 'junit.xml')));
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    assert.equal(summary.ok, false);
    assert.match(summary.incomplete, /^the harness stopped on an unexpected error: injected failure: no engine today/);
  });

  it("runs with the --config file's profile when --profile is not given", async () => {
    const out = path.join(dir, 'oidc-out');
    const config = write(
      'oidc.json',
      JSON.stringify({ baseUrl: TARGET, audience: 'https://api/', profile: 'oidc', clients: {} }),
    );
    await runCli(['run', 'conformance', '--target', TARGET, '--config', config, '--out', out]);
    assert.equal(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')).profile, 'oidc');
  });
});
