import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { PROVIDER_SETUPS } from '../support/oidc-provider.ts';
import {
  cellsNotPassed,
  OIDC_PROVIDER_DEVIATIONS,
  oidcProviderForSuite,
  providerAccessTokenHeader,
  providerJwks,
  type ProviderRun,
} from '../support/oidc-provider-suite.ts';

// oidc-provider with an EC P-256 key listed first in its JWKS, an RSA key after it, ES256-signed JWT
// access tokens (resource indicators), RS256 ID tokens, an EC private_key_jwt client and no device
// grant: the configuration that used to stop the oidc profile at its JWKS check.

const suite = oidcProviderForSuite(PROVIDER_SETUPS.ecFirst, 'harness-oidc-ec-');

describe('the oidc profile against oidc-provider with an EC key first and ES256 access tokens', () => {
  let run: ProviderRun;
  before(async () => {
    run = await suite.run('oidc', OIDC_PROVIDER_DEVIATIONS);
  });

  it('passes every cell the provider offers, and says the device grant is not offered', () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.summary.ok, true);
    const notPassed = cellsNotPassed(run.summary);
    assert.deepEqual(Object.keys(notPassed).sort(), [
      'GET /authorize [none]',
      'GET /oidc/logout [none]',
      'POST /oauth/device/code [none]',
      'POST /oauth/par [mtls_handshake]',
      'POST /oauth/par [tls_client_auth]',
      'POST /oauth/token [mtls_handshake]',
      'POST /oauth/token [tls_client_auth]',
    ]);
    assert.equal(
      notPassed['POST /oauth/device/code [none]'],
      'skipped: discovery announces no device_authorization_endpoint',
    );
  });

  it('checks the EC key, listed first, by its own members and verifies the ES256 access tokens with it', async () => {
    const jwks = await providerJwks(suite.provider);
    assert.deepEqual(
      jwks.keys.map((k) => [k.kty, k.crv ?? null]),
      [
        ['EC', 'P-256'],
        ['RSA', null],
      ],
    );
    assert.equal((await providerAccessTokenHeader(suite.provider)).alg, 'ES256');
    const ran = (id: string) => run.summary.checks.filter((c) => c.id === id);
    for (const id of ['jwks.schema', 'jwks.keys.members_fit_kty'])
      assert.ok(ran(id).length === 1 && ran(id)[0].passes === 1, id);
    const signatures = ran('access_token.signature.valid_against_jwks');
    assert.deepEqual(signatures.map((c) => c.credential).sort(), [
      'client_secret_basic',
      'client_secret_post',
      'private_key_jwt',
    ]);
    assert.ok(signatures.every((c) => c.fails === 0 && c.passes > 0));
  });

  it("signs the EC client's assertions with ES256, the provider refusing the spoiled ones", () => {
    const pkj = run.summary.matrix.find(
      (m) => m.endpoint === 'POST /oauth/token' && m.credential === 'private_key_jwt',
    );
    assert.equal(pkj?.status, 'passed');
    // Each spoiled assertion (expired, another audience, a replayed jti) has its own refusal check.
    const refused = run.summary.checks.filter(
      (c) =>
        /^token_error\.(invalid_client_assertion|assertion_[a-z_]+)\.code\./.test(c.id) &&
        c.credential === 'private_key_jwt',
    );
    assert.deepEqual(refused.map((c) => c.id).sort(), [
      'token_error.assertion_aud_not_issuer.code.is_invalid_client',
      'token_error.assertion_jti_reused.code.is_invalid_client',
      'token_error.invalid_client_assertion.code.is_invalid_client',
    ]);
    assert.ok(
      refused.every((c) => c.passes > 0 && c.fails === 0),
      JSON.stringify(refused),
    );
  });

  it('provokes unauthorized_client with the refresh grant, which the provider advertises and the clients lack', () => {
    const flows = run.findings
      .filter((f) => f.checkId === 'token_error.grant_not_allowed.code.is_unauthorized_client')
      .map((f) => f.flow);
    assert.equal(flows.length, 3);
    assert.ok(
      flows.every((f) => f === 'the refresh_token grant on a client not registered for it'),
      flows.join(),
    );
  });
});
