import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signingRules } from '../../checks/token/signing-rules.ts';

describe('the signing algorithms each profile accepts', () => {
  it('auth0: what Auth0 documents per thing signed, each token naming its key by kid', () => {
    assert.deepEqual(signingRules('auth0', 'id_token', { idToken: ['ES256'] }), {
      algorithms: ['RS256', 'PS256'],
      source: "Auth0's signing algorithms for ID tokens",
      kidRequired: true,
    });
    assert.deepEqual(signingRules('auth0', 'access_token').algorithms, ['RS256', 'PS256']);
    assert.deepEqual(signingRules('auth0', 'client_assertion').algorithms, ['RS256', 'RS384', 'PS256']);
  });

  it('oidc: the asymmetric algorithms discovery advertises, never HMAC or none', () => {
    const rules = signingRules('oidc', 'id_token', { idToken: ['HS256', 'none', 'ES256', 'EdDSA'] });
    assert.deepEqual(rules, {
      algorithms: ['ES256', 'EdDSA'],
      source: "discovery's id_token_signing_alg_values_supported",
      kidRequired: false,
    });
    assert.deepEqual(signingRules('oidc', 'client_assertion', { tokenEndpointAuth: ['PS256'] }).algorithms, ['PS256']);
  });

  it('oidc: RS256, the mandatory algorithm, where discovery advertises none it can verify', () => {
    const rules = signingRules('oidc', 'id_token', { idToken: ['HS256'] });
    assert.deepEqual(rules.algorithms, ['RS256']);
    assert.match(rules.source, /every OpenID provider must support \(OpenID Connect Core §15\.1\)/);
    assert.deepEqual(signingRules('oidc', 'client_assertion', {}).algorithms, ['RS256']);
  });

  it('oidc: any asymmetric algorithm for RFC 9068 access tokens, which no discovery field lists', () => {
    const { algorithms } = signingRules('oidc', 'access_token', { idToken: ['RS256'] });
    for (const alg of ['RS256', 'PS384', 'ES256', 'ES512', 'EdDSA']) assert.ok(algorithms.includes(alg), alg);
    for (const alg of ['HS256', 'none']) assert.ok(!algorithms.includes(alg), alg);
  });
});
