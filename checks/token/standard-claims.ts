import { describeValue, expectThat, fail, pass } from '../check.ts';
import { claimCheck } from './claim-check.ts';
import { nowSeconds, skewSeconds, type TokenKind } from './token-under-test.ts';

// Claims every Auth0 JWT carries (spec §2.2, §2.3), for either token kind.

export const issuerEqualsTenant = (kind: TokenKind) =>
  claimCheck(
    kind,
    'iss.equals_issuer',
    { ref: 'OIDCC-2, auth0-spec §2.2', title: 'iss is the tenant issuer, https://{domain}/ with the trailing slash.' },
    (payload, token) =>
      expectThat(
        payload.iss === token.expect.issuer,
        () => `expected iss ${describeValue(token.expect.issuer)}, got ${describeValue(payload.iss)}`,
      ),
  );

export const audienceContains = (kind: TokenKind) =>
  claimCheck(
    kind,
    kind === 'id_token' ? 'aud.contains_client_id' : 'aud.contains_audience',
    {
      ref: kind === 'id_token' ? 'OIDCC-3.1.3.7' : 'RFC9068-2.2, auth0-spec §2.3',
      title:
        kind === 'id_token'
          ? 'aud is (or contains) the client id.'
          : 'aud is (or contains) the API identifier asked for.',
    },
    (payload, token) => {
      const want = kind === 'id_token' ? token.expect.clientId : token.expect.audience;
      if (want === undefined) return fail('the harness did not say which audience to expect');
      const aud = payload.aud;
      const ok = typeof aud === 'string' ? aud === want : Array.isArray(aud) && aud.includes(want);
      return expectThat(ok, () => `expected aud to contain ${describeValue(want)}, got ${describeValue(aud)}`);
    },
  );

export const lifetimeIsValid = (kind: TokenKind) =>
  claimCheck(
    kind,
    'exp.valid_lifetime',
    {
      ref: 'RFC7519-4.1.4, OIDCC-3.1.3.7',
      title: 'exp and iat are epoch seconds, exp after iat and in the future, iat not in the future.',
    },
    (payload, token) => {
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
    },
  );
