import type { JWTPayload } from 'jose';
import { describeValue, expectThat, fail, pass, type CheckOutcome } from '../check.ts';
import { AUTH0, OPENID, rfc } from '../references.ts';
import { claimCheck, type PerTokenKind } from './claim-check.ts';
import { nowSeconds, skewSeconds, type TokenUnderTest } from './token-under-test.ts';

// Claims every Auth0 JWT carries (docs/auth0-api.md §2.2, §2.3): each rule once, as a check per token
// kind, since reports tell an access token's iss from an ID token's.

const ISSUER_TITLE = 'iss is the tenant issuer, https://{domain}/ with the trailing slash.';

function issuerIsTenant(payload: JWTPayload, token: TokenUnderTest): CheckOutcome {
  return expectThat(
    payload.iss === token.expect.issuer,
    () => `expected iss ${describeValue(token.expect.issuer)}, got ${describeValue(payload.iss)}`,
  );
}

export const issuerEqualsTenant: PerTokenKind = {
  access_token: claimCheck(
    { id: 'access_token.iss.equals_issuer', ref: AUTH0.accessTokenProfiles, title: ISSUER_TITLE },
    issuerIsTenant,
  ),
  id_token: claimCheck(
    { id: 'id_token.iss.equals_issuer', ref: OPENID.idTokenValidation, title: ISSUER_TITLE },
    issuerIsTenant,
  ),
};

function audienceIncludes(want: string | undefined, aud: JWTPayload['aud']): CheckOutcome {
  if (want === undefined) return fail('the harness did not say which audience to expect');
  const ok = typeof aud === 'string' ? aud === want : Array.isArray(aud) && aud.includes(want);
  return expectThat(ok, () => `expected aud to contain ${describeValue(want)}, got ${describeValue(aud)}`);
}

export const audienceContains: PerTokenKind = {
  access_token: claimCheck(
    {
      id: 'access_token.aud.contains_audience',
      ref: rfc(9068, '2.2'),
      title: 'aud is (or contains) the API identifier asked for.',
    },
    (payload, token) => audienceIncludes(token.expect.audience, payload.aud),
  ),
  id_token: claimCheck(
    {
      id: 'id_token.aud.contains_client_id',
      ref: OPENID.idTokenValidation,
      title: 'aud is (or contains) the client id.',
    },
    (payload, token) => audienceIncludes(token.expect.clientId, payload.aud),
  ),
};

const LIFETIME_TITLE = 'exp and iat are epoch seconds, exp after iat and in the future, iat not in the future.';

function lifetimeValid(payload: JWTPayload, token: TokenUnderTest): CheckOutcome {
  const { exp, iat, nbf } = payload;
  if (typeof exp !== 'number' || !Number.isInteger(exp))
    return fail(`expected exp as integer epoch seconds, got ${describeValue(exp)}`);
  if (typeof iat !== 'number' || !Number.isInteger(iat))
    return fail(`expected iat as integer epoch seconds, got ${describeValue(iat)}`);
  const now = nowSeconds(token);
  const skew = skewSeconds(token);
  if (exp <= iat) return fail(`expected exp after iat, got exp ${exp} <= iat ${iat}`);
  if (exp <= now - skew) return fail(`the token expired at ${exp}, ${now - exp} s before the check`);
  if (iat > now + skew) return fail(`iat ${iat} is ${iat - now} s in the future`);
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + skew))
    return fail(`nbf ${describeValue(nbf)} is not yet valid`);
  return pass();
}

// RFC 7519 §4.1.4 for both; OIDC Core §3.1.3.7 (9-10) asks the same of ID tokens.
export const lifetimeIsValid: PerTokenKind = {
  access_token: claimCheck(
    { id: 'access_token.exp.valid_lifetime', ref: rfc(7519, '4.1.4'), title: LIFETIME_TITLE },
    lifetimeValid,
  ),
  id_token: claimCheck(
    { id: 'id_token.exp.valid_lifetime', ref: rfc(7519, '4.1.4'), title: LIFETIME_TITLE },
    lifetimeValid,
  ),
};
