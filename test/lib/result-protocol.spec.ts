import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkResultName, parseCheckResultName } from '../../lib/k6-and-node/result-protocol.ts';

describe('result protocol', () => {
  it('check result names round-trip endpoint, credential (or none) and check id', () => {
    const cell = { endpoint: 'POST /oauth/token', credential: 'client_secret_basic', checkId: 'token_response.schema' };
    assert.deepEqual(parseCheckResultName(checkResultName(cell)), cell);
    const noCredential = { endpoint: 'GET /.well-known/jwks.json', credential: null, checkId: 'jwks.schema' };
    assert.deepEqual(parseCheckResultName(checkResultName(noCredential)), noCredential);
    assert.equal(parseCheckResultName('status 200'), undefined);
  });
});
