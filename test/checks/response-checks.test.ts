import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorChecks } from '../../checks/errors/error-cases.ts';
import { tokenResponseSchema } from '../../checks/sets/token-response.ts';
import { discoveryIssuerMatches, discoverySchema, jwksSchema } from '../../checks/sets/discovery.ts';
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

  it('status checks name the codes in their id and fail on any other status', async () => {
    const check = statusCheck('token_error.wrong_secret', 401, 'x');
    assert.equal(check.id, 'token_error.wrong_secret.status.is_401');
    assert.equal(await okOf(check, jsonExchange(401, {})), true);
    assert.deepEqual(await check.run(jsonExchange(403, {})), { ok: false, message: 'expected status 401, got 403' });
  });

  it('the wrong-secret code accepts access_denied or invalid_client (spec §7.4) and nothing else', async () => {
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
    assert.equal(await okOf(jwksSchema, jsonExchange(200, { keys: [{ ...key, kid: undefined }] })), false);
  });
});
