import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oauthErrorCode } from '../../checks/errors/error-body.ts';
import { errorChecks } from '../../checks/errors/error-cases.ts';
import { tokenResponseSchema } from '../../checks/sets/token-response.ts';
import { discoveryIssuerMatches, discoverySchema, jwksAuth0RsaKeys, jwksSchema } from '../../checks/sets/discovery.ts';
import { jsonContentType } from '../../checks/http/json-content-type.ts';
import { tokenResponseNoStore } from '../../checks/http/no-store.ts';
import { statusCheck } from '../../checks/http/status.ts';
import type { Check } from '../../checks/check.ts';
import type { Exchange } from '../../checks/exchange.ts';
import { exchange as jsonExchange } from './check-fixtures.ts';

const okOf = async (check: Check<Exchange>, exchange: Exchange) => (await check.run(exchange)).ok;

const goodToken = { access_token: 'eyJ.x.y', token_type: 'Bearer', expires_in: 86400, scope: 'read:things' };

describe('response checks', () => {
  it('token_response.schema passes a token response and names the broken field otherwise', async () => {
    assert.equal(await okOf(tokenResponseSchema, jsonExchange(200, goodToken)), true);
    assert.equal(await okOf(tokenResponseSchema, jsonExchange(200, { ...goodToken, token_type: 'bearer' })), true);
    const noType = await tokenResponseSchema.run(jsonExchange(200, { ...goodToken, token_type: 'mac' }));
    assert.equal(noType.ok, false);
    assert.match(noType.message ?? '', /token_type/);
    const stringExpiry = await tokenResponseSchema.run(jsonExchange(200, { ...goodToken, expires_in: '86400' }));
    assert.match(stringExpiry.message ?? '', /expires_in/);
    assert.equal(await okOf(tokenResponseSchema, jsonExchange(200, 'not json')), false);
  });

  it('http.content_type.is_json and token_response.cache_control.no_store read the headers', async () => {
    assert.equal(await okOf(jsonContentType, jsonExchange(200, goodToken)), true);
    assert.equal(await okOf(jsonContentType, jsonExchange(200, goodToken, { 'content-type': 'text/html' })), false);
    assert.equal(await okOf(tokenResponseNoStore, jsonExchange(200, goodToken, { 'cache-control': 'no-store' })), true);
    assert.equal(
      await okOf(tokenResponseNoStore, jsonExchange(200, goodToken, { 'cache-control': 'private, no-store' })),
      true,
    );
    assert.equal(
      await okOf(tokenResponseNoStore, jsonExchange(200, goodToken, { 'cache-control': 'no-cache' })),
      false,
    );
    assert.equal(await okOf(tokenResponseNoStore, jsonExchange(200, goodToken)), false);
  });

  it('a status check accepts exactly the statuses its id names', async () => {
    const check = statusCheck(
      'token_error.wrong_secret.status.is_400_or_401',
      'https://www.rfc-editor.org/rfc/rfc6749',
    );
    assert.equal(check.title, 'The response status is 400 or 401.');
    assert.equal(await okOf(check, jsonExchange(400, {})), true);
    assert.equal(await okOf(check, jsonExchange(401, {})), true);
    assert.deepEqual(await check.run(jsonExchange(403, {})), {
      ok: false,
      message: 'expected status 400 or 401, got 403',
    });
  });

  it('refuses to define a status check whose id names no status', () => {
    assert.throws(() => statusCheck('token_error.wrong_secret.status', 'https://x.example/'), /\.status\.is_<status>/);
    assert.throws(() => statusCheck('token_error.wrong_secret.status.is_ok', 'https://x.example/'), /is_ok/);
  });

  it('refuses to define an error-code check whose id does not name the codes it accepts', () => {
    assert.throws(
      () => oauthErrorCode('token_error.wrong_secret.code.is_invalid_client', 'https://x.example/', 'access_denied'),
      /\.code\.is_access_denied/,
    );
    const dotted = oauthErrorCode(
      'passwordless_error.bad_phone.code.is_bad_phone_number',
      'https://x.example/',
      'bad.phone_number',
    );
    assert.deepEqual(dotted.expected.codes, ['bad.phone_number']);
  });

  it('the wrong-secret code accepts access_denied or invalid_client (docs/auth0-api.md §7.4) and nothing else', async () => {
    const [, code] = errorChecks('wrong_secret', 'auth0');
    assert.equal(
      await okOf(code, jsonExchange(401, { error: 'access_denied', error_description: 'Unauthorized' })),
      true,
    );
    assert.equal(await okOf(code, jsonExchange(401, { error: 'invalid_client' })), true);
    assert.equal(await okOf(code, jsonExchange(401, { error: 'invalid_grant' })), false);
    assert.equal(await okOf(code, jsonExchange(401, { statusCode: 401, error: 1 })), false);
    assert.equal(await okOf(code, jsonExchange(401, 'Unauthorized')), false);
  });

  it('discovery and JWKS schemas, and the issuer match', async () => {
    const discovery = {
      issuer: 'https://t.example/',
      authorization_endpoint: 'https://t.example/authorize',
      token_endpoint: 'https://t.example/oauth/token',
      jwks_uri: 'https://t.example/.well-known/jwks.json',
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
    assert.equal(await okOf(discoverySchema, jsonExchange(200, discovery)), true);
    assert.equal(await okOf(discoverySchema, jsonExchange(200, { ...discovery, jwks_uri: undefined })), false);
    assert.equal(
      await okOf(discoveryIssuerMatches, { ...jsonExchange(200, discovery), expect: { issuer: 'https://t.example/' } }),
      true,
    );
    assert.equal(
      await okOf(discoveryIssuerMatches, {
        ...jsonExchange(200, { ...discovery, issuer: 'https://t.example' }),
        expect: { issuer: 'https://t.example/' },
      }),
      false,
    );
    const key = { kty: 'RSA', kid: 'k1', n: 'abc', e: 'AQAB', use: 'sig', alg: 'RS256' };
    assert.equal(await okOf(jwksSchema, jsonExchange(200, { keys: [key] })), true);
    assert.equal(await okOf(jwksSchema, jsonExchange(200, { keys: [] })), false);
    // RFC 7517 §4.5: kid is optional; Auth0's own rule, that every key has one, is a separate check.
    assert.equal(await okOf(jwksSchema, jsonExchange(200, { keys: [{ ...key, kid: undefined }] })), true);
    assert.equal(await okOf(jwksSchema, jsonExchange(200, { keys: [{ ...key, kty: undefined }] })), false);
    assert.equal(await okOf(jwksAuth0RsaKeys, jsonExchange(200, { keys: [{ ...key, kid: undefined }] })), false);
  });
});
