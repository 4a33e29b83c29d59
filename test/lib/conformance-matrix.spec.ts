import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFORMANCE_MATRIX, matrixFor } from '../../lib/k6-and-node/conformance-matrix.ts';
import { CREDENTIAL_METHODS } from '../../lib/k6-and-node/credential-methods.ts';

describe('the conformance matrix', () => {
  it('declares every credential method for every endpoint, each not-applicable cell with its reason', () => {
    for (const row of CONFORMANCE_MATRIX) {
      assert.deepEqual(Object.keys(row.cells).sort(), [...CREDENTIAL_METHODS].sort(), row.endpoint);
      for (const [method, cell] of Object.entries(row.cells)) {
        if (!cell.applies) assert.ok(cell.reason.length > 10, `${row.endpoint} [${method}] needs a reason`);
      }
      assert.ok(
        Object.values(row.cells).some((c) => c.applies),
        `${row.endpoint} runs nowhere`,
      );
    }
  });

  it("gives mutual TLS by handshake the edge method's cell everywhere: Auth0 serves both at its mTLS edge", () => {
    for (const row of CONFORMANCE_MATRIX)
      assert.deepEqual(row.cells.mtls_handshake, row.cells.tls_client_auth, row.endpoint);
    const token = CONFORMANCE_MATRIX.find((r) => r.endpoint === 'POST /oauth/token');
    assert.equal(token?.cells.mtls_handshake.applies, true);
  });

  it('names each endpoint once, as METHOD /path', () => {
    const endpoints = CONFORMANCE_MATRIX.map((r) => r.endpoint);
    assert.equal(new Set(endpoints).size, endpoints.length);
    for (const e of endpoints) assert.match(e, /^(GET|POST|DELETE) \/\S*$/);
  });

  it('keeps Auth0-only endpoints out of the oidc profile', () => {
    const oidc = matrixFor('oidc').map((r) => r.endpoint);
    for (const auth0Only of [
      'POST /dbconnections/signup',
      'POST /passwordless/start',
      'POST /mfa/challenge',
      'GET /v2/logout',
      'GET /samlp/metadata/{client_id}',
    ]) {
      assert.ok(!oidc.includes(auth0Only), auth0Only);
    }
    assert.ok(oidc.includes('POST /oauth/token') && oidc.includes('GET /.well-known/openid-configuration'));
  });
});
