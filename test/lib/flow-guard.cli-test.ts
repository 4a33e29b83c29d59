import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildBundles } from '../../build.mjs';
import { FINDING_PREFIX, type Finding } from '../../lib/k6-and-node/result-protocol.ts';
import { runScript, WRITE_SUMMARY } from '../engine/run-script.ts';
import { repoRoot } from '../support/run-cli.ts';

// A flow guarded as the conformance plan runs it, on the engine, with the VU's WebCrypto made k6's:
// no Ed25519 (k6's webcrypto module answers NotSupportedError). The flow signs an EdDSA client
// assertion, as a private_key_jwt flow with an Ed25519 key does first.

const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-flow-guard-'));
const lib = (file: string) => JSON.stringify(path.join(repoRoot, 'lib', file));

const SCRIPT = `
import { AssertionAlgorithmUnavailable, signClientAssertion } from ${lib('k6-and-node/client-assertion.ts')};
import { guarded } from ${lib('conformance/flow-guard.ts')};

const real = globalThis.crypto;
const subtle = new Proxy(real.subtle, {
  get(target, name) {
    if (name === 'importKey')
      return (format, data, algorithm, ...rest) =>
        (algorithm.name ?? algorithm) === 'Ed25519'
          ? Promise.reject(new DOMException('unsupported algorithm: Ed25519', 'NotSupportedError'))
          : target.importKey(format, data, algorithm, ...rest);
    const value = Reflect.get(target, name);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});
Object.defineProperty(globalThis, 'crypto', {
  configurable: true,
  value: { subtle, getRandomValues: real.getRandomValues.bind(real), randomUUID: real.randomUUID.bind(real) },
});

const KEY = open(__ENV.KEY_FILE);
const CELLS = [{ endpoint: 'POST /oauth/token', credential: 'private_key_jwt' }];

export default async function () {
  await guarded('token endpoint grants and refusals (private_key_jwt)', CELLS, () =>
    signClientAssertion({ clientId: 'pkj', privateKeyPem: KEY }, 'https://op.example'),
  );
  await guarded('a flow that breaks', [{ endpoint: 'POST /oauth/revoke', credential: 'none' }], () => {
    throw new Error('a harness bug');
  });
}
${WRITE_SUMMARY}
`;

describe('a flow on k6 whose client assertion k6 cannot sign', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("skips the flow's cells, saying why and what to do, where any other exception fails them", async () => {
    writeFileSync(path.join(dir, 'script.ts'), SCRIPT);
    const key = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    writeFileSync(path.join(dir, 'ed25519.pem'), key);
    await buildBundles({ entryPoints: [path.join(dir, 'script.ts')], outdir: dir, logLevel: 'silent' });
    const run = await runScript(readFileSync(path.join(dir, 'script.js'), 'utf8'), [
      '-e',
      `KEY_FILE=${path.join(dir, 'ed25519.pem')}`,
    ]);
    const findings = run.consoleLines
      .filter((l) => l.startsWith(FINDING_PREFIX))
      .map((l) => JSON.parse(l.slice(FINDING_PREFIX.length)) as Finding);
    const skip = findings.find((f) => f.endpoint === 'POST /oauth/token');
    assert.equal(skip?.skipped, true, run.stderr);
    assert.match(
      skip?.message ?? '',
      /^the private_key_jwt client's assertions cannot be signed here: EdDSA needs Ed25519, which this runtime's WebCrypto does not implement .*; give clients\.private_key_jwt an RSA or EC key, or run with --engine local$/,
    );
    const broken = findings.find((f) => f.endpoint === 'POST /oauth/revoke');
    assert.equal(broken?.checkId, 'flow.completed_without_exception');
    assert.ok(
      run.consoleLines.some((l) => /the token endpoint grants and refusals \(private_key_jwt\) flow stopped: /.test(l)),
    );
    const checks = JSON.stringify(run.summary.root_group.checks);
    assert.ok(!checks.includes('POST /oauth/token'), 'the skipped cell has no failed check');
  });
});
