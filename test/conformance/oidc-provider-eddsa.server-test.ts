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

// oidc-provider with an Ed25519 key and an RSA key for PS256: EdDSA access tokens, PS256 ID tokens, an
// Ed25519 private_key_jwt client, refresh tokens rotated on every use, and its development login
// pages, which the login driver goes through (login, consent, logout confirmation).

const suite = oidcProviderForSuite(PROVIDER_SETUPS.eddsa, 'harness-oidc-eddsa-');

describe('the oidc profile against oidc-provider with Ed25519 and PS256, through its login pages', () => {
  let run: ProviderRun;
  before(async () => {
    run = await suite.run('oidc', OIDC_PROVIDER_DEVIATIONS);
  });
  const ran = (id: string, credential: string) =>
    run.summary.checks.find((c) => c.id === id && c.credential === credential);
  const passedOn = (id: string, credential: string) => {
    const row = ran(id, credential);
    return row !== undefined && row.passes > 0 && row.fails === 0;
  };

  it('passes every cell the provider offers, browser cells included', () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.summary.ok, true);
    assert.deepEqual(Object.keys(cellsNotPassed(run.summary)).sort(), [
      'POST /oauth/par [mtls_handshake]',
      'POST /oauth/par [tls_client_auth]',
      'POST /oauth/token [mtls_handshake]',
      'POST /oauth/token [tls_client_auth]',
    ]);
  });

  it('logs in through the login and consent pages with code and PKCE, and checks the PS256 ID token', () => {
    // Five round trips: the public client's login and its second code from the session, then one per
    // confidential client (a consent page each).
    for (const id of [
      'redirect.status.is_302_or_303',
      'redirect.params.carry_response_in_mode',
      'redirect.params.state_echoed',
    ])
      assert.ok(passedOn(id, 'none') && ran(id, 'none')?.passes === 5, id);
    for (const id of [
      'id_token.signature.valid_against_jwks',
      'id_token.nonce.echoed',
      'id_token.sub.is_logged_in_user',
      'id_token.auth_time.present_when_max_age',
    ])
      assert.ok(passedOn(id, 'none'), id);
    assert.equal(ran('redirect.status.is_302', 'none'), undefined, "Auth0's 302-only rule is not the standards'");
  });

  it('opens /userinfo with the access token, refreshes for an EdDSA access token, and refuses the rotated refresh token', async () => {
    const jwks = await providerJwks(suite.provider);
    assert.deepEqual(
      jwks.keys.map((k) => [k.kty, k.crv ?? null, k.alg]),
      [
        ['OKP', 'Ed25519', 'EdDSA'],
        ['RSA', null, 'PS256'],
      ],
    );
    assert.equal((await providerAccessTokenHeader(suite.provider)).alg, 'EdDSA');
    assert.ok(passedOn('userinfo.status.is_200', 'bearer') && passedOn('userinfo.schema', 'bearer'));
    assert.ok(passedOn('access_token.signature.valid_against_jwks', 'none'));
    assert.ok(passedOn('access_token.header.typ_is_at_jwt', 'none'));
    assert.ok(passedOn('token_error.reused_refresh_token.code.is_invalid_grant', 'none'));
  });

  it('redeems codes as each confidential client, the Ed25519 one signing EdDSA assertions', () => {
    for (const method of ['client_secret_post', 'client_secret_basic', 'private_key_jwt']) {
      const cell = run.summary.matrix.find((m) => m.endpoint === 'POST /oauth/token' && m.credential === method);
      assert.equal(cell?.status, 'passed', method);
      assert.ok(passedOn('id_token.nonce.echoed', method), method);
    }
  });

  it('logs out through the confirmation page to the post-logout URI, with the state echoed', () => {
    const logout = run.summary.matrix.find((m) => m.endpoint === 'GET /oidc/logout');
    assert.equal(logout?.status, 'passed');
    assert.ok(
      run.summary.checks.some(
        (c) => c.endpoint === 'GET /oidc/logout' && c.id === 'redirect.params.state_echoed' && c.passes === 1,
      ),
    );
  });
});
