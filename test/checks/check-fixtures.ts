import { createHash, generateKeyPairSync } from 'node:crypto';
import type { ErrorCodeCheck, ErrorDescriptionCheck } from '../../checks/errors/error-body.ts';
import { checkCatalogue } from '../../checks/catalogue.ts';
import type { Exchange, ExchangeExpectations } from '../../checks/exchange.ts';
import {
  tokenUnderTest,
  type TokenExpectations,
  type TokenKind,
  type TokenUnderTest,
} from '../../checks/token/token-under-test.ts';
import type { FederationPost } from '../../checks/federation/federation-post.ts';
import { alterSignedContent, signedAssertion } from '../../tenant/federation/saml-assertion.ts';
import { generateSigningKey } from '../../tenant/signing-keys.ts';
import { signingRules } from '../../checks/token/signing-rules.ts';
import {
  ecKey,
  edKey,
  forgedKey,
  jwks,
  leftHalfSha256,
  leftHalfSha512,
  mixedJwks,
  pssKey,
  signJwt,
  tenantKey,
  unsignedJwt,
} from '../support/signed-tokens.ts';
import { testCertificateDer } from '../support/test-certificate.ts';
import { rateLimitFixtures } from '../ratelimit/rule-fixtures.ts';

// A real DER certificate (self-signed, made at load) for the metadata fixtures.
const CERT_BASE64 = Buffer.from(testCertificateDer()).toString('base64');

// For every check in the catalogue: inputs it must pass and inputs it must fail. The catalogue test
// walks the catalogue and refuses any check id without both.

export interface FixturePair {
  good: unknown[];
  bad: unknown[];
}

export function exchange(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  expect?: ExchangeExpectations,
): Exchange {
  return {
    request: { method: 'POST', url: 'https://tenant.example/oauth/token', headers: {} },
    response: {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    expect,
  };
}

/** A request that got no response: k6 gives status 0 and names the transport error. */
export function noResponseExchange(): Exchange {
  return {
    request: { method: 'GET', url: 'http://127.0.0.1:9/.well-known/openid-configuration', headers: {} },
    response: {
      status: 0,
      headers: {},
      body: '',
      error: 'dial tcp 127.0.0.1:9: connect: connection refused',
      errorCode: 1212,
    },
  };
}

const json = (body: unknown, headers: Record<string, string> = {}) => exchange(200, body, headers);
const pair = (good: unknown[], bad: unknown[]): FixturePair => ({ good, bad });

// ---- tokens ----------------------------------------------------------------------------------
const now = Math.floor(Date.now() / 1000);
const ISSUER = 'https://tenant.example/';
const certificate = (() => {
  // Any DER bytes stand in for the certificate: the rule compares the thumbprint of what was sent.
  const der = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('base64url');
})();
const ACCESS_TOKEN = 'opaque-or-jwt-access-token-value';
const CODE = 'authorization-code-value';
const expectations: TokenExpectations = {
  issuer: ISSUER,
  discoveryIssuer: ISSUER,
  clientId: 'client-1',
  audience: 'https://api.example/',
  subject: 'auth0|user-1',
  nonce: 'n-0S6_WzA2Mj',
  accessToken: ACCESS_TOKEN,
  code: CODE,
  maxAgeSent: true,
  grantType: 'client-credentials',
  scopes: ['read:things'],
  permissions: ['read:things'],
  certificateThumbprint: certificate,
  signing: signingRules('auth0', 'id_token'),
};
const atClaims = {
  iss: ISSUER,
  sub: 'auth0|user-1',
  aud: 'https://api.example/',
  azp: 'client-1',
  iat: now,
  exp: now + 3600,
  scope: 'openid read:things',
  gty: 'client-credentials',
  permissions: ['read:things'],
  cnf: { 'x5t#S256': certificate },
  client_id: 'client-1',
  jti: 'jti-1',
};
const idClaims = {
  iss: ISSUER,
  sub: 'auth0|user-1',
  aud: 'client-1',
  iat: now,
  exp: now + 36000,
  nonce: 'n-0S6_WzA2Mj',
  sid: 'sid-1',
  at_hash: leftHalfSha256(ACCESS_TOKEN),
  c_hash: leftHalfSha256(CODE),
  auth_time: now - 5,
};
const token = (
  kind: TokenKind,
  claims: object,
  header: Parameters<typeof signJwt>[1] = {
    alg: 'RS256',
    typ: kind === 'access_token' ? 'at+jwt' : 'JWT',
    kid: 'tenant-key',
  },
  key?: Parameters<typeof signJwt>[2],
): TokenUnderTest => tokenUnderTest(kind, signJwt(claims, header, key), expectations, jwks);
/** A token held to the oidc profile's rules for its kind, verified against a JWKS of RSA, EC and OKP keys. */
const standardToken = (
  kind: TokenKind,
  claims: object,
  alg: string,
  key: { kid: string; privateKey: Parameters<typeof signJwt>[2] },
  options: { kid?: boolean; advertised?: string[]; hash?: Record<string, string> } = {},
): TokenUnderTest =>
  tokenUnderTest(
    kind,
    signJwt(
      { ...claims, ...options.hash },
      { alg, ...(options.kid === false ? {} : { kid: key.kid }) },
      key.privateKey,
    ),
    { ...expectations, signing: signingRules('oidc', kind, { idToken: options.advertised }) },
    mixedJwks,
  );
const at = (changes: object = {}) => token('access_token', { ...atClaims, ...changes });
const id = (changes: object = {}) => token('id_token', { ...idClaims, ...changes });
const without = (claims: Record<string, unknown>, name: string) =>
  Object.fromEntries(Object.entries(claims).filter(([k]) => k !== name));

/** A token signed by the tenant key, verified against a JWKS whose key has the given parameters. */
const withKey = (kind: TokenKind, claims: object, key: Record<string, unknown>): TokenUnderTest =>
  tokenUnderTest(kind, signJwt(claims, { alg: 'RS256', typ: 'JWT', kid: 'tenant-key' }), expectations, {
    keys: [{ ...jwks.keys[0], ...key }],
  } as typeof jwks);

const tokenFixtures = (
  kind: TokenKind,
  base: Record<string, unknown>,
  make: (c?: object) => TokenUnderTest,
): Record<string, FixturePair> => ({
  [`${kind}.signature.valid_against_jwks`]: pair(
    [
      make(),
      // The oidc profile: EC, RSA-PSS and Ed25519 keys of one JWKS; kid optional where one key fits.
      standardToken(kind, base, 'ES256', ecKey, { advertised: ['ES256', 'RS256'] }),
      standardToken(kind, base, 'PS256', pssKey, { advertised: ['PS256'] }),
      standardToken(kind, base, 'EdDSA', edKey, { kid: false, advertised: ['EdDSA'] }),
    ],
    [
      token(kind, base, undefined, forgedKey.privateKey),
      tokenUnderTest(kind, unsignedJwt(base, { alg: 'none', kid: 'tenant-key' }), expectations, jwks),
      token(kind, base, { alg: 'RS256', kid: 'rotated-away' }),
      // Auth0 signs with RSA keys only; an ES256 token is refused however well signed.
      token(kind, base, { alg: 'ES256', kid: 'ec-key' }, ecKey.privateKey),
      // The oidc profile holds ID tokens to what discovery advertises.
      ...(kind === 'id_token' ? [standardToken(kind, base, 'RS256', tenantKey, { advertised: ['ES256'] })] : []),
      // Signed by the EC key, claiming the Ed25519 key's kid.
      standardToken(kind, base, 'ES256', { kid: 'ed-key', privateKey: ecKey.privateKey }, { advertised: ['ES256'] }),
    ],
  ),
  [`${kind}.iss.equals_issuer`]: pair([make()], [make({ iss: 'https://tenant.example' })]),
  [`${kind}.iss.equals_discovery_issuer`]: pair([make()], [make({ iss: 'https://other.example/' })]),
  [`${kind}.exp.valid_lifetime`]: pair(
    [make()],
    [make({ iat: now - 7200, exp: now - 3600 }), make({ iat: now + 600 }), make({ nbf: now + 600 })],
  ),
  [`${kind}.sub.is_logged_in_user`]: pair([make()], [make({ sub: 'auth0|someone-else' })]),
  [`${kind}.signing_key.is_for_signatures`]: pair(
    [make(), withKey(kind, base, { use: undefined }), withKey(kind, base, { key_ops: ['verify'] })],
    [withKey(kind, base, { use: 'enc' }), withKey(kind, base, { key_ops: ['encrypt'] })],
  ),
  [`${kind}.signing_key.alg_matches_header`]: pair(
    [make(), withKey(kind, base, { alg: undefined })],
    [withKey(kind, base, { alg: 'RS384' })],
  ),
});

const tokens: Record<string, FixturePair> = {
  ...tokenFixtures('access_token', atClaims, at),
  ...tokenFixtures('id_token', idClaims, id),
  'access_token.aud.contains_audience': pair(
    [at(), at({ aud: ['https://api.example/', `${ISSUER}userinfo`] })],
    [at({ aud: 'https://other.example/' })],
  ),
  'id_token.aud.contains_client_id': pair([id(), id({ aud: ['client-1', 'x'] })], [id({ aud: 'client-2' })]),
  'access_token.claims.schema_auth0_profile': pair(
    [at()],
    [at({ exp: String(now + 60) }), at({ permissions: 'read:things' })],
  ),
  'access_token.claims.schema_rfc9068_profile': pair([at()], [at({ jti: undefined }), at({ client_id: undefined })]),
  'access_token.header.typ_is_at_jwt': pair(
    [at()],
    [token('access_token', atClaims, { alg: 'RS256', typ: 'JWT', kid: 'tenant-key' })],
  ),
  'access_token.sub.is_client_id_at_clients': pair([at({ sub: 'client-1@clients' })], [at({ sub: 'client-1' })]),
  'access_token.gty.matches_grant': pair([at()], [at({ gty: 'password' }), at({ gty: undefined })]),
  'access_token.scope.contains_requested': pair([at()], [at({ scope: 'openid' }), at({ scope: ['read:things'] })]),
  'access_token.permissions.include_granted': pair(
    [at()],
    [at({ permissions: [] }), at({ permissions: 'read:things' })],
  ),
  'access_token.cnf.x5t_s256_matches_certificate': pair(
    [at()],
    [at({ cnf: { 'x5t#S256': 'AAAA' } }), at({ cnf: undefined })],
  ),
  'id_token.claims.schema': pair([id()], [token('id_token', without(idClaims, 'sub')), id({ iat: 'yesterday' })]),
  'id_token.azp.is_client_id': pair(
    [id(), id({ aud: ['client-1', 'api'], azp: 'client-1' })],
    [id({ aud: ['client-1', 'api'] }), id({ azp: 'client-2' })],
  ),
  'id_token.sid.present': pair([id()], [id({ sid: '' }), token('id_token', without(idClaims, 'sid'))]),
  'id_token.nonce.echoed': pair([id()], [id({ nonce: 'other' }), token('id_token', without(idClaims, 'nonce'))]),
  'id_token.at_hash.matches_access_token': pair(
    [id(), standardToken('id_token', idClaims, 'EdDSA', edKey, { hash: { at_hash: leftHalfSha512(ACCESS_TOKEN) } })],
    [
      id({ at_hash: leftHalfSha256('another token') }),
      standardToken('id_token', idClaims, 'EdDSA', edKey, { hash: { at_hash: leftHalfSha256(ACCESS_TOKEN) } }),
    ],
  ),
  'id_token.c_hash.matches_code': pair([id()], [id({ c_hash: leftHalfSha256('another code') })]),
  'id_token.auth_time.present_when_max_age': pair(
    [id()],
    [token('id_token', without(idClaims, 'auth_time')), id({ auth_time: now + 3600 })],
  ),
};

// ---- responses -------------------------------------------------------------------------------
const tokenResponse = { access_token: 'eyJ.x.y', token_type: 'Bearer', expires_in: 86400 };
const discovery = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}authorize`,
  token_endpoint: `${ISSUER}oauth/token`,
  jwks_uri: `${ISSUER}.well-known/jwks.json`,
  response_types_supported: ['code'],
  subject_types_supported: ['public'],
  id_token_signing_alg_values_supported: ['RS256'],
  code_challenge_methods_supported: ['S256'],
};
const jwk = { kty: 'RSA', kid: 'k1', n: 'abc', e: 'AQAB', use: 'sig', alg: 'RS256' };
const passwordRules = {
  rules: [{ code: 'lengthAtLeast', format: [8], message: 'At least %d characters in length', verified: false }],
  verified: false,
};

const responses: Record<string, FixturePair> = {
  'http.content_type.is_json': pair(
    [json(tokenResponse), json({ keys: [] }, { 'content-type': 'application/jwk-set+json; charset=utf-8' })],
    [
      json(tokenResponse, { 'content-type': 'text/html' }),
      json(tokenResponse, { 'content-type': 'application/jsonp' }),
    ],
  ),
  'token_response.cache_control.no_store': pair(
    [
      json(tokenResponse, { 'cache-control': 'no-store' }),
      json(tokenResponse, { 'cache-control': 'private, no-store' }),
    ],
    [json(tokenResponse, { 'cache-control': 'no-cache' }), json(tokenResponse)],
  ),
  'token_response.schema': pair(
    [json(tokenResponse), json({ ...tokenResponse, token_type: 'bearer' })],
    [json({ ...tokenResponse, token_type: 'mac' }), json({ ...tokenResponse, expires_in: '86400' }), json('not json')],
  ),
  'discovery.schema': pair([json(discovery)], [json({ ...discovery, jwks_uri: undefined })]),
  'discovery.issuer.equals_configured_issuer': pair(
    [exchange(200, discovery, {}, { issuer: ISSUER })],
    [exchange(200, { ...discovery, issuer: 'https://tenant.example' }, {}, { issuer: ISSUER })],
  ),
  'discovery.code_challenge_methods.include_s256': pair(
    [json(discovery)],
    [json({ ...discovery, code_challenge_methods_supported: ['plain'] })],
  ),
  'discovery.mtls_endpoint_aliases.are_https_urls': pair(
    [json({ ...discovery, mtls_endpoint_aliases: { token_endpoint: 'https://mtls.tenant.example/oauth/token' } })],
    [
      json({ ...discovery, mtls_endpoint_aliases: { token_endpoint: 'http://mtls.tenant.example/oauth/token' } }),
      json({ ...discovery, mtls_endpoint_aliases: { token_endpoint: '/oauth/token' } }),
      json({ ...discovery, mtls_endpoint_aliases: 'https://mtls.tenant.example/' }),
    ],
  ),
  'http.response.received': pair([json(tokenResponse), exchange(500, 'Internal Server Error')], [noResponseExchange()]),
  'jwks.keys.carry_x5c_and_x5t': pair(
    [json({ keys: [{ ...jwk, x5c: [CERT_BASE64], x5t: 'thumb' }] })],
    [json({ keys: [jwk] }), json({ keys: [{ ...jwk, x5c: [], x5t: 'thumb' }] }), json({ keys: [] })],
  ),
  'jwks.schema': pair(
    [json({ keys: [jwk] }), json(mixedJwks), json({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] })],
    [json({ keys: [] }), json({ keys: [{ ...jwk, kty: undefined }] }), json({ keys: [{ ...jwk, x5c: 'MIIB' }] })],
  ),
  'jwks.keys.members_fit_kty': pair(
    [json(mixedJwks), json({ keys: [tenantKey.jwk, { kty: 'oct-unknown-to-readers', k: 'c2VjcmV0' }] })],
    [
      json({ keys: [{ ...ecKey.jwk, crv: 'P-384' }] }),
      json({ keys: [{ ...edKey.jwk, x: undefined }] }),
      json({ keys: [{ ...tenantKey.jwk, n: 'AQAB' }] }),
      json({ keys: [{ ...ecKey.jwk, crv: 'secp256k1' }] }),
    ],
  ),
  'jwks.keys.are_rsa_with_kid': pair(
    [json({ keys: [jwk] }), json(jwks)],
    [json(mixedJwks), json({ keys: [{ ...jwk, kid: undefined }] }), json({ keys: [] })],
  ),
  'userinfo.schema': pair(
    [json({ sub: 'auth0|1', email: 'a@b.c', email_verified: true })],
    [json({ email: 'a@b.c' }), json({ sub: 'auth0|1', email_verified: 'yes' })],
  ),
  'device_code.schema': pair(
    [
      json({
        device_code: 'd',
        user_code: 'ABCD-EFGH',
        verification_uri: `${ISSUER}activate`,
        verification_uri_complete: `${ISSUER}activate?user_code=ABCD-EFGH`,
        expires_in: 900,
        interval: 5,
      }),
    ],
    [
      json({ device_code: 'd', user_code: 'ABCD-EFGH', verification_uri: 'activate', expires_in: 900 }),
      json({ device_code: 'd', verification_uri: `${ISSUER}activate`, expires_in: 900 }),
    ],
  ),
  'bc_authorize.schema': pair(
    [json({ auth_req_id: 'r', expires_in: 300, interval: 5 })],
    [json({ expires_in: 300 }), json({ auth_req_id: 'r', expires_in: 1.5 })],
  ),
  'par.schema': pair(
    [json({ request_uri: 'urn:ietf:params:oauth:request_uri:abc', expires_in: 30 })],
    [
      json({ request_uri: 'https://x/abc', expires_in: 30 }),
      json({ request_uri: 'urn:ietf:params:oauth:request_uri:abc' }),
    ],
  ),
  'mfa_challenge.schema': pair(
    [json({ challenge_type: 'otp' }), json({ challenge_type: 'oob', oob_code: 'o', binding_method: 'prompt' })],
    [json({ challenge_type: 'oob' }), json({ challenge_type: 'sms' })],
  ),
  'mfa_associate.schema': pair(
    [
      json({
        authenticator_type: 'otp',
        secret: 'JBSWY3DPEHPK3PXP',
        barcode_uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP',
        recovery_codes: ['R1'],
      }),
      json({ authenticator_type: 'oob', oob_channel: 'sms', oob_code: 'o' }),
    ],
    [json({ authenticator_type: 'otp', secret: 'S', barcode_uri: 'https://x' }), json({ authenticator_type: 'oob' })],
  ),
  'mfa_authenticators.schema': pair(
    [json([{ id: 'totp|dev_1', authenticator_type: 'otp', active: true }]), json([])],
    [json([{ id: 'totp|dev_1', authenticator_type: 'otp' }]), json({ id: 'x' })],
  ),
  'signup.schema': pair(
    [json({ _id: '5f1', email: 'a@b.c', email_verified: false })],
    [json({ email: 'a@b.c' }), json({ _id: '' })],
  ),
  'change_password.body.is_confirmation_sentence': pair(
    [
      json("We've just sent you an email to reset your password."),
      exchange(200, "We've just sent you an email to reset your password.", { 'content-type': 'text/plain' }),
    ],
    [json({ ok: true }), json('')],
  ),
  'passwordless_start.schema': pair(
    [
      json({ _id: '1', email: 'a@b.c', email_verified: false }),
      json({ _id: '1', phone_number: '+15555550100', phone_verified: false }),
    ],
    [json({ email: 'a@b.c' }), json({ _id: '1' })],
  ),
  'registration.schema': pair(
    [json({ client_id: 'tpc_1', redirect_uris: ['https://app/cb'], client_secret_expires_at: 0 })],
    [json({ redirect_uris: ['https://app/cb'] }), json({ client_id: 'tpc_1', redirect_uris: [] })],
  ),
  ...Object.fromEntries(
    (['access_token', 'id_token'] as const).map((kind) => {
      const subjects = { tokenSubjects: { [kind]: 'auth0|user-1' } };
      return [
        `userinfo.sub.equals_${kind}_sub`,
        pair(
          [exchange(200, { sub: 'auth0|user-1' }, {}, subjects)],
          [exchange(200, { sub: 'auth0|someone-else' }, {}, subjects), exchange(200, { email: 'a@b.c' }, {}, subjects)],
        ),
      ];
    }),
  ),
  'userinfo_error.invalid_token.body.is_unauthorized_text_or_invalid_token': pair(
    [
      exchange(401, 'Unauthorized', { 'content-type': 'text/plain' }),
      exchange(401, { error: 'invalid_token', error_description: 'expired' }),
    ],
    [exchange(401, { error: 'access_denied' }), exchange(401, 'Forbidden', { 'content-type': 'text/plain' })],
  ),
  'token_error.mfa_required.carries_mfa_token': pair(
    [
      exchange(403, {
        error: 'mfa_required',
        error_description: 'Multifactor authentication required',
        mfa_token: 'Fe26.2*abc',
      }),
    ],
    [
      exchange(403, { error: 'mfa_required', error_description: 'Multifactor authentication required' }),
      exchange(403, { error: 'mfa_required', mfa_token: '' }),
    ],
  ),
  'userinfo_error.invalid_token.www_authenticate.is_bearer': pair(
    [exchange(401, '', { 'www-authenticate': 'Bearer error="invalid_token"' })],
    [exchange(401, ''), exchange(401, '', { 'www-authenticate': 'Basic realm="x"' })],
  ),
};

// ---- endpoints added with the full matrix -----------------------------------------------------
const asMetadata = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}authorize`,
  token_endpoint: `${ISSUER}oauth/token`,
  response_types_supported: ['code'],
};
const endpoints: Record<string, FixturePair> = {
  'oauth_metadata.schema': pair(
    [json(asMetadata)],
    [json({ ...asMetadata, token_endpoint: undefined }), json({ ...asMetadata, response_types_supported: [] })],
  ),
  'oauth_metadata.issuer.equals_configured_issuer': pair(
    [exchange(200, asMetadata, {}, { issuer: ISSUER })],
    [exchange(200, { ...asMetadata, issuer: 'https://tenant.example' }, {}, { issuer: ISSUER })],
  ),
  'co_authenticate.schema': pair(
    [json({ login_ticket: 't', co_id: 'i', co_verifier: 'v' })],
    [json({ login_ticket: 't', co_id: 'i' }), json({ login_ticket: '', co_id: 'i', co_verifier: 'v' })],
  ),
  'legacy.oauth_ro.schema': pair(
    [json({ id_token: 'eyJ.a.b', access_token: 'at', token_type: 'bearer' })],
    [
      json({ id_token: 'eyJ.a.b', token_type: 'bearer' }),
      json({ id_token: 'x', access_token: 'at', token_type: 'mac' }),
    ],
  ),
  'legacy.delegation.schema': pair(
    [json({ id_token: 'eyJ.a.b', token_type: 'Bearer', expires_in: 36000 })],
    [json({ id_token: 'eyJ.a.b', token_type: 'Bearer' }), json({ token_type: 'Bearer', expires_in: 1 })],
  ),
  'legacy.tokeninfo.schema': pair(
    [json({ user_id: 'auth0|1', email: 'a@b.c', identities: [{ provider: 'auth0', user_id: '1' }] })],
    [json({ email: 'a@b.c' }), json({ user_id: 'auth0|1', identities: 'auth0' })],
  ),
  'otp_challenge.schema': pair([json({ auth_session: 's-1' })], [json({ session: 's-1' }), json({ auth_session: '' })]),
  'user_ssodata.schema': pair(
    [json({ sso: false }), json({ sso: true, lastUsedUserID: 'auth0|1', lastUsedConnection: { name: 'db' } })],
    [json({ sso: 'yes' }), json({ lastUsedUserID: 'auth0|1' })],
  ),
  'user_ssodata.sso.reports_the_session': pair(
    [exchange(200, { sso: true, lastUsedUserID: 'auth0|1' }, {}, { userId: 'auth0|1' })],
    [
      exchange(200, { sso: false }, {}, { userId: 'auth0|1' }),
      exchange(200, { sso: true, lastUsedUserID: 'auth0|2' }, {}, { userId: 'auth0|1' }),
    ],
  ),
};

// ---- SAML and WS-Federation posts -------------------------------------------------------------
const idpKey = await generateSigningKey('tenant.example');
const otherKey = await generateSigningKey('other.example');
const IDP_CERT = (idpKey.publicJwk.x5c as string[])[0];
const ACS = 'https://sp.example/acs';
const samlUser = { userId: 'auth0|1', email: 'a@b.c', name: 'A' } as Parameters<typeof signedAssertion>[0]['user'];
const assertionBy = (key = idpKey, audience = 'urn:sp') =>
  signedAssertion(
    { issuer: 'urn:tenant.example', audience, recipient: ACS, user: samlUser, sessionIndex: 's', authTime: now },
    key,
  );
const samlXml = (opts: { assertion?: string; status?: string; inResponseTo?: string; root?: string } = {}) =>
  `<samlp:${opts.root ?? 'Response'} xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" InResponseTo="${opts.inResponseTo ?? '_req'}"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:${opts.status ?? 'Success'}"/></samlp:Status>${opts.assertion ?? assertionBy()}</samlp:${opts.root ?? 'Response'}>`;
const federationPost = (changes: Partial<FederationPost> = {}, expect: Partial<FederationPost['expect']> = {}) => ({
  status: 200,
  form: { action: ACS, fields: { SAMLResponse: 'PHNhbWxw', RelayState: 'rs-1' } },
  xml: samlXml(),
  certificate: IDP_CERT,
  ...changes,
  expect: { destination: ACS, audience: 'urn:sp', inResponseTo: '_req', context: 'rs-1', ...expect },
});
const rstr = (assertion = assertionBy(idpKey, 'urn:client-1'), realm = 'urn:client-1') =>
  `<t:RequestSecurityTokenResponse xmlns:t="http://schemas.xmlsoap.org/ws/2005/02/trust"><wsp:AppliesTo xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy"><wsa:EndpointReference xmlns:wsa="http://www.w3.org/2005/08/addressing"><wsa:Address>${realm}</wsa:Address></wsa:EndpointReference></wsp:AppliesTo><t:RequestedSecurityToken>${assertion}</t:RequestedSecurityToken></t:RequestSecurityTokenResponse>`;
const wsfedPost = (fields: Record<string, string> = {}, xml = rstr()) => ({
  status: 200,
  form: { action: 'https://rp.example/wsfed', fields: { wa: 'wsignin1.0', wresult: xml, wctx: 'c-1', ...fields } },
  xml,
  certificate: IDP_CERT,
  expect: { destination: 'https://rp.example/wsfed', audience: 'urn:client-1', context: 'c-1' },
});
const tampered = alterSignedContent(assertionBy());
const federation: Record<string, FixturePair> = {
  'saml_response.form.posts_to_acs_url': pair(
    [federationPost()],
    [
      federationPost({
        form: { action: 'https://evil.example/acs', fields: { SAMLResponse: 'x', RelayState: 'rs-1' } },
      }),
      federationPost({ form: { action: ACS, fields: { RelayState: 'rs-1' } } }),
      federationPost({ form: { action: ACS, fields: { SAMLResponse: 'x', RelayState: 'other' } } }),
      federationPost({ status: 400, form: undefined, xml: undefined }),
    ],
  ),
  'saml_response.status_code.is_success': pair(
    [federationPost()],
    [federationPost({ xml: samlXml({ status: 'Requester' }) })],
  ),
  'saml_response.in_response_to.matches_request': pair(
    [federationPost()],
    [federationPost({ xml: samlXml({ inResponseTo: '_other' }) })],
  ),
  'saml_response.audience.is_sp_entity_id': pair(
    [federationPost()],
    [federationPost({ xml: samlXml({ assertion: assertionBy(idpKey, 'urn:someone-else') }) })],
  ),
  'saml_response.signature.valid_against_metadata_certificate': pair(
    [federationPost()],
    [
      federationPost({ xml: samlXml({ assertion: tampered }) }),
      federationPost({ xml: samlXml({ assertion: assertionBy(otherKey) }) }),
      federationPost({
        xml: samlXml({ assertion: assertionBy().replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '') }),
      }),
    ],
  ),
  'wsfed_response.form.posts_wsignin_to_wreply': pair(
    [wsfedPost()],
    [wsfedPost({ wa: 'wsignout1.0' }), wsfedPost({ wctx: 'other' }), wsfedPost({ wresult: '' })],
  ),
  'wsfed_response.applies_to.is_realm': pair([wsfedPost()], [wsfedPost({}, rstr(undefined, 'urn:other'))]),
  'wsfed_response.signature.valid_against_metadata_certificate': pair(
    [wsfedPost()],
    [
      wsfedPost({}, rstr(alterSignedContent(assertionBy(idpKey, 'urn:client-1')))),
      wsfedPost({}, rstr(assertionBy(otherKey))),
    ],
  ),
  'saml_logout.form.posts_to_logout_url': pair(
    [federationPost({ xml: samlXml({ root: 'LogoutResponse', assertion: '' }) }, { context: undefined })],
    [
      federationPost(
        { form: { action: 'https://evil.example/', fields: { SAMLResponse: 'x' } } },
        { context: undefined },
      ),
    ],
  ),
  'saml_logout.status_code.is_success': pair(
    [federationPost({ xml: samlXml({ root: 'LogoutResponse', assertion: '' }) })],
    [federationPost({ xml: samlXml({ root: 'LogoutResponse', assertion: '', status: 'Responder' }) })],
  ),
  'saml_logout.in_response_to.matches_request': pair(
    [federationPost({ xml: samlXml({ root: 'LogoutResponse', assertion: '' }) })],
    [federationPost({ xml: samlXml({ root: 'LogoutResponse', assertion: '', inResponseTo: '_x' }) })],
  ),
};

// ---- redirects, logout, metadata -------------------------------------------------------------
const CALLBACK = 'https://app.example/callback';
const redirect = (location: string | undefined, expect: ExchangeExpectations, status = 302): Exchange => ({
  request: { method: 'GET', url: `${ISSUER}authorize`, headers: {} },
  response: { status, headers: location ? { location } : {}, body: '' },
  expect,
});
const codeExpect: ExchangeExpectations = {
  redirectUri: CALLBACK,
  state: 'xyz',
  responseMode: 'query',
  redirectParams: ['code'],
};
const implicitExpect: ExchangeExpectations = {
  redirectUri: CALLBACK,
  state: 'xyz',
  responseMode: 'fragment',
  redirectParams: ['access_token', 'id_token'],
};

const samlMetadata = (overrides: { entityId?: string; cert?: string; location?: string; broken?: boolean } = {}) => {
  const cert = overrides.cert ?? CERT_BASE64;
  const xml = `<?xml version="1.0"?>
<EntityDescriptor entityID="${overrides.entityId ?? 'urn:tenant.example'}" xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${cert}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${overrides.location ?? 'https://tenant.example/samlp/client-1'}"/>
  </IDPSSODescriptor>
</EntityDescriptor>${overrides.broken ? '<' : ''}`;
  return exchange(200, xml, { 'content-type': 'application/xml' });
};
const wsfedMetadata = (overrides: { entityId?: string; cert?: string; address?: string } = {}) =>
  exchange(
    200,
    `<EntityDescriptor ID="_1" entityID="${overrides.entityId ?? 'urn:tenant.example'}" xmlns="urn:oasis:names:tc:SAML:2.0:metadata">
  <RoleDescriptor xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="fed:SecurityTokenServiceType">
    <KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${overrides.cert ?? CERT_BASE64}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
    <fed:PassiveRequestorEndpoint><EndpointReference xmlns="http://www.w3.org/2005/08/addressing"><Address>${overrides.address ?? 'https://tenant.example/wsfed'}</Address></EndpointReference></fed:PassiveRequestorEndpoint>
  </RoleDescriptor>
</EntityDescriptor>`,
    { 'content-type': 'application/xml' },
  );

const metadata = (
  kind: 'saml_metadata' | 'wsfed_metadata',
  make: typeof samlMetadata,
): Record<string, FixturePair> => ({
  [`${kind}.xml.well_formed_entity_descriptor`]: pair(
    [make()],
    [exchange(200, '<EntityDescriptor><unclosed></EntityDescriptor>'), exchange(200, '<Other/>')],
  ),
  [`${kind}.entity_id.present`]: pair([make()], [make({ entityId: '' })]),
  [`${kind}.signing_certificate.present`]: pair([make()], [make({ cert: 'bm90IGEgY2VydA==' })]),
  [`${kind}.endpoints.present`]: pair(
    [make()],
    kind === 'saml_metadata' ? [make({ location: '/relative' })] : [wsfedMetadata({ address: 'not-a-url' })],
  ),
});

const browser: Record<string, FixturePair> = {
  'redirect.status.is_302': pair(
    [redirect(`${CALLBACK}?code=c&state=xyz`, codeExpect)],
    [redirect(`${CALLBACK}?code=c`, codeExpect, 200), redirect(undefined, codeExpect)],
  ),
  'redirect.status.is_302_or_303': pair(
    [redirect(`${CALLBACK}?code=c&state=xyz`, codeExpect), redirect(`${CALLBACK}?code=c&state=xyz`, codeExpect, 303)],
    [redirect(`${CALLBACK}?code=c`, codeExpect, 307), redirect(undefined, codeExpect, 303)],
  ),
  'redirect.location.is_registered_uri': pair(
    [redirect(`${CALLBACK}?code=c&state=xyz`, codeExpect)],
    [redirect('https://evil.example/callback?code=c', codeExpect)],
  ),
  'redirect.params.carry_response_in_mode': pair(
    [
      redirect(`${CALLBACK}?code=c&state=xyz`, codeExpect),
      redirect(`${CALLBACK}#access_token=a&id_token=i&state=xyz`, implicitExpect),
    ],
    [
      redirect(`${CALLBACK}?access_token=a&id_token=i&state=xyz`, implicitExpect),
      redirect(`${CALLBACK}?error=access_denied&state=xyz`, codeExpect),
    ],
  ),
  'redirect.params.state_echoed': pair(
    [redirect(`${CALLBACK}?code=c&state=xyz`, codeExpect)],
    [redirect(`${CALLBACK}?code=c&state=abc`, codeExpect), redirect(`${CALLBACK}?code=c`, codeExpect)],
  ),
  'logout.unlisted_return_to.not_redirected': pair(
    [
      redirect(undefined, { redirectUri: 'https://unlisted.example/' }, 400),
      redirect(`${ISSUER}u/logout-error`, { redirectUri: 'https://unlisted.example/' }),
    ],
    [redirect('https://unlisted.example/', { redirectUri: 'https://unlisted.example/' })],
  ),
  ...metadata('saml_metadata', samlMetadata),
  ...metadata('wsfed_metadata', wsfedMetadata as typeof samlMetadata),
};

// ---- status and error cases: derived from the ids and from what each error check expects -------
function statusFixture(id: string): FixturePair | undefined {
  const m = /\.status\.is_(\d+(?:_or_\d+)*)$/.exec(id);
  if (!m) return undefined;
  const codes = m[1].split('_or_').map(Number);
  const other = [200, 201, 302, 400, 401, 403, 429].find((c) => !codes.includes(c)) as number;
  return pair(
    codes.map((c) => exchange(c, {})),
    [exchange(599, {}), exchange(other, {}), noResponseExchange()],
  );
}

// Error-body checks say what they expect: the fixtures are built from that.
const errorFixtures: Record<string, FixturePair> = {};
for (const check of checkCatalogue.values() as Iterable<ErrorCodeCheck | ErrorDescriptionCheck>) {
  const { expected } = check as Partial<ErrorCodeCheck> | Partial<ErrorDescriptionCheck>;
  if (!expected) continue;
  if ('codes' in expected) {
    const { shape, codes, name } = expected;
    const body = (code: string, errorName = name ?? 'BadRequestError') =>
      shape === 'oauth'
        ? { error: code, error_description: 'some description' }
        : { name: errorName, code, description: name ? passwordRules : 'some description', statusCode: 400 };
    errorFixtures[check.id] = pair(
      codes.map((c) => exchange(400, body(c))),
      [
        exchange(400, body('server_error')),
        exchange(400, 'Unauthorized'),
        ...(name ? [exchange(400, body(codes[0], 'BadRequestError'))] : []),
      ],
    );
  } else {
    const body = (description: string) => ({ error: 'invalid_grant', error_description: description });
    errorFixtures[check.id] = pair(
      [exchange(403, body(expected.description))],
      [exchange(403, body('something else')), exchange(403, 'Unauthorized')],
    );
  }
}

// ---- the harness's own runs -------------------------------------------------------------------
const harness: Record<string, FixturePair> = {
  'flow.completed_without_exception': pair(
    [{ flow: 'token endpoint grants and refusals (private_key_jwt)' }],
    [
      { flow: 'token endpoint grants and refusals (private_key_jwt)', error: new Error('boom') },
      { flow: 'revocation', error: undefined },
    ],
  ),
};

export function fixturesFor(id: string): FixturePair | undefined {
  return (
    tokens[id] ??
    responses[id] ??
    endpoints[id] ??
    federation[id] ??
    browser[id] ??
    errorFixtures[id] ??
    rateLimitFixtures[id] ??
    harness[id] ??
    statusFixture(id)
  );
}
