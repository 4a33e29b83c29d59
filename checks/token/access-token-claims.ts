import { defineCheck, describeValue, expectThat, fail, notRun, pass } from '../check.ts';
import { claimCheck } from './claim-check.ts';
import type { TokenUnderTest } from './token-under-test.ts';

// Claims of JWT access tokens beyond the standard ones (auth0-spec §2.3, ATP; RFC 9068; RFC 8705).

export const grantTypeMatches = claimCheck(
  'access_token',
  'gty.matches_grant',
  {
    ref: 'auth0-spec §2.3 (gty)',
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
  'access_token',
  'scope.contains_requested',
  { ref: 'RFC9068-2.2.3, auth0-spec §2.3', title: 'scope is a space-separated string holding every scope asked for.' },
  (payload, token) => {
    const want = token.expect.scopes ?? [];
    if (typeof payload.scope !== 'string')
      return fail(`expected scope as a space-separated string, got ${describeValue(payload.scope)}`);
    const granted = payload.scope.split(' ');
    const missing = want.filter((s) => !granted.includes(s));
    return missing.length === 0 ? pass() : fail(`scope ${describeValue(payload.scope)} lacks ${missing.join(', ')}`);
  },
);

export const permissionsListed = claimCheck(
  'access_token',
  'permissions.include_granted',
  {
    ref: 'auth0-spec §2.3 (permissions), RFC9068-2.2.3.1',
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
  'access_token',
  'cnf.x5t_s256_matches_certificate',
  {
    ref: 'RFC8705-3.1, auth0-spec §2.3 (cnf)',
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

export const issuerEqualsDiscovery = (kind: 'access_token' | 'id_token') =>
  claimCheck(
    kind,
    'iss.equals_discovery_issuer',
    { ref: 'OIDC-Discovery-4.3, OIDCC-3.1.3.7 (2)', title: 'iss is exactly the issuer announced by discovery.' },
    (payload, token) => {
      // Without a discovery document there is nothing to compare with; the discovery cell says why.
      if (!token.expect.discoveryIssuer) return notRun('discovery gave no issuer to compare with');
      return expectThat(
        payload.iss === token.expect.discoveryIssuer,
        () =>
          `expected iss ${describeValue(token.expect.discoveryIssuer)} (discovery), got ${describeValue(payload.iss)}`,
      );
    },
  );

// RFC 9068 §2.1: JWT access tokens in that profile are typed at+jwt (application/at+jwt accepted).
export const typIsAtJwt = defineCheck<TokenUnderTest>({
  id: 'access_token.header.typ_is_at_jwt',
  ref: 'RFC9068-2.1, auth0-spec §2.3',
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
