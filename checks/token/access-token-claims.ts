import { defineCheck, describeValue, expectThat, fail, notRun, pass } from '../check.ts';
import { AUTH0, OPENID, rfc } from '../references.ts';
import { claimCheck, type PerTokenKind } from './claim-check.ts';
import type { TokenUnderTest } from './token-under-test.ts';

// Claims of JWT access tokens beyond the standard ones (docs/auth0-api.md §2.3; RFC 9068; RFC 8705).

export const grantTypeMatches = claimCheck(
  {
    id: 'access_token.gty.matches_grant',
    ref: AUTH0.accessTokenProfiles,
    title: 'gty names the grant the token came from (client-credentials, password, refresh_token).',
  },
  (payload, token) => {
    if (!token.expect.grantType) return fail('the harness did not say which grant it used');
    return expectThat(
      payload.gty === token.expect.grantType,
      () => `expected gty ${describeValue(token.expect.grantType)}, got ${describeValue(payload.gty)}`,
    );
  },
);

export const scopeGranted = claimCheck(
  {
    id: 'access_token.scope.contains_requested',
    ref: rfc(9068, '2.2.3'),
    title: 'scope is a space-separated string holding every scope asked for.',
  },
  (payload, token) => {
    const want = token.expect.scopes ?? [];
    if (typeof payload.scope !== 'string')
      return fail(`expected scope as a space-separated string, got ${describeValue(payload.scope)}`);
    const granted = payload.scope.split(' ');
    const missing = want.filter((s) => !granted.includes(s));
    return missing.length === 0 ? pass() : fail(`scope ${describeValue(payload.scope)} lacks ${missing.join(', ')}`);
  },
);

// Auth0 adds permissions with RBAC's "Add Permissions in the Access Token" (RFC 9068 §2.2.3.1 names
// the claim too).
export const permissionsListed = claimCheck(
  {
    id: 'access_token.permissions.include_granted',
    ref: AUTH0.accessTokenProfiles,
    title: 'permissions is an array of strings holding every permission the user was granted.',
  },
  (payload, token) => {
    const { permissions } = payload as { permissions?: unknown };
    if (!Array.isArray(permissions) || permissions.some((p) => typeof p !== 'string'))
      return fail(`expected permissions as an array of strings, got ${describeValue(permissions)}`);
    const missing = (token.expect.permissions ?? []).filter((p) => !permissions.includes(p));
    return missing.length === 0 ? pass() : fail(`permissions lack ${missing.join(', ')}`);
  },
);

export const certificateBound = claimCheck(
  {
    id: 'access_token.cnf.x5t_s256_matches_certificate',
    ref: rfc(8705, '3.1'),
    title: 'cnf["x5t#S256"] is the SHA-256 thumbprint of the client certificate the token was issued to.',
  },
  (payload, token) => {
    if (!token.expect.certificateThumbprint) return fail('the harness did not give the client certificate thumbprint');
    const cnf = (payload as { cnf?: Record<string, unknown> }).cnf;
    const seen = cnf?.['x5t#S256'];
    return expectThat(
      seen === token.expect.certificateThumbprint,
      () => `expected cnf.x5t#S256 ${describeValue(token.expect.certificateThumbprint)}, got ${describeValue(seen)}`,
    );
  },
);

const DISCOVERY_ISSUER_TITLE = 'iss is exactly the issuer announced by discovery.';

function issuerIsDiscoveryIssuer(payload: { iss?: unknown }, token: TokenUnderTest) {
  // Without a discovery document there is nothing to compare with; the discovery cell says why.
  if (!token.expect.discoveryIssuer) return notRun('discovery gave no issuer to compare with');
  return expectThat(
    payload.iss === token.expect.discoveryIssuer,
    () => `expected iss ${describeValue(token.expect.discoveryIssuer)} (discovery), got ${describeValue(payload.iss)}`,
  );
}

// OpenID Discovery §4.3: the issuer discovery names is the iss of the tokens (OIDC Core §3.1.3.7 (2)).
export const issuerEqualsDiscovery: PerTokenKind = {
  access_token: claimCheck(
    {
      id: 'access_token.iss.equals_discovery_issuer',
      ref: OPENID.providerConfigurationValidation,
      title: DISCOVERY_ISSUER_TITLE,
    },
    issuerIsDiscoveryIssuer,
  ),
  id_token: claimCheck(
    {
      id: 'id_token.iss.equals_discovery_issuer',
      ref: OPENID.providerConfigurationValidation,
      title: DISCOVERY_ISSUER_TITLE,
    },
    issuerIsDiscoveryIssuer,
  ),
};

// RFC 9068 §2.1: JWT access tokens in that profile are typed at+jwt (application/at+jwt accepted).
export const typIsAtJwt = defineCheck<TokenUnderTest>({
  id: 'access_token.header.typ_is_at_jwt',
  ref: rfc(9068, '2.1'),
  severity: 'failure',
  title: 'The header typ of an RFC 9068 access token is at+jwt.',
  run: (token) => {
    if (!token.header) return fail(`the access_token is not a decodable JWT (${token.decodeError ?? 'no header'})`);
    const typ = String(token.header.typ ?? '').toLowerCase();
    return expectThat(
      typ === 'at+jwt' || typ === 'application/at+jwt',
      () => `expected typ at+jwt, got ${describeValue(token.header?.typ)}`,
    );
  },
});
