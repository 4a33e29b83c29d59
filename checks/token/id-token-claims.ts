import { defineCheck, describeValue, expectThat, fail, pass } from '../check.ts';
import { AUTH0, OPENID } from '../references.ts';
import { claimCheck, type PerTokenKind } from './claim-check.ts';
import { leftHalfHash } from './token-hash.ts';
import type { TokenUnderTest } from './token-under-test.ts';

// What an ID token must bind it to: the request (nonce, max_age), the tokens issued with it
// (at_hash, c_hash) and the party it was issued to (azp) — OIDC Core §2, §3.1.3.7, §3.3.2.12.

export const nonceEchoed = claimCheck(
  {
    id: 'id_token.nonce.echoed',
    ref: OPENID.idTokenValidation,
    title: 'nonce is exactly the nonce sent to /authorize.',
  },
  (payload, token) => {
    if (token.expect.nonce === undefined) return fail('the harness did not say which nonce it sent');
    return expectThat(
      payload.nonce === token.expect.nonce,
      () => `expected nonce ${describeValue(token.expect.nonce)}, got ${describeValue(payload.nonce)}`,
    );
  },
);

function hashCheck(id: string, claim: 'at_hash' | 'c_hash', source: 'accessToken' | 'code', ref: string) {
  return defineCheck<TokenUnderTest>({
    id,
    ref,
    severity: 'failure',
    title: `${claim} is the left half of the hash of the ${source === 'code' ? 'code' : 'access token'} issued with the ID token.`,
    async run(token) {
      if (!token.payload || !token.header)
        return fail(`the id_token is not a decodable JWT (${token.decodeError ?? 'no payload'})`);
      const value = token.expect[source];
      if (value === undefined) return fail(`the harness did not give the ${source} issued with the ID token`);
      const want = await leftHalfHash(value, token.header.alg ?? '');
      if (want === undefined) return fail(`cannot compute ${claim} for alg ${describeValue(token.header.alg)}`);
      return expectThat(
        token.payload[claim] === want,
        () => `expected ${claim} ${describeValue(want)}, got ${describeValue(token.payload?.[claim])}`,
      );
    },
  });
}

// at_hash is validated as OIDC Core §3.2.2.9 says (and §3.3.2.11 for the hybrid flow).
export const atHashMatches = hashCheck(
  'id_token.at_hash.matches_access_token',
  'at_hash',
  'accessToken',
  OPENID.implicitAccessTokenValidation,
);
export const cHashMatches = hashCheck('id_token.c_hash.matches_code', 'c_hash', 'code', OPENID.hybridIdToken);

export const authTimePresent = claimCheck(
  {
    id: 'id_token.auth_time.present_when_max_age',
    ref: OPENID.authenticationRequest,
    title: 'auth_time is epoch seconds, not in the future, when max_age was sent.',
  },
  (payload, token) => {
    if (!token.expect.maxAgeSent) return fail('the harness did not send max_age, so auth_time is not required');
    const { auth_time } = payload as { auth_time?: unknown };
    if (typeof auth_time !== 'number' || !Number.isInteger(auth_time))
      return fail(`expected auth_time as integer epoch seconds, got ${describeValue(auth_time)}`);
    const now = token.expect.now ?? Math.floor(Date.now() / 1000);
    return expectThat(
      auth_time <= now + (token.expect.skewSeconds ?? 60),
      () => `auth_time ${auth_time} is in the future`,
    );
  },
);

export const sidPresent = claimCheck(
  // A warning: Auth0 documents sid as the logout_hint (docs/auth0-api.md §2.2), not as a claim every
  // ID token must carry.
  {
    id: 'id_token.sid.present',
    ref: OPENID.frontChannelLogoutSid,
    title: 'sid, the session id used as logout_hint, is a non-empty string.',
    severity: 'warning',
  },
  (payload) =>
    expectThat(
      typeof payload.sid === 'string' && payload.sid.length > 0,
      () => `expected a sid, got ${describeValue(payload.sid)}`,
    ),
);

// OIDC Core §3.1.3.7 (4-5).
export const azpIsClient = claimCheck(
  {
    id: 'id_token.azp.is_client_id',
    ref: OPENID.idTokenValidation,
    title: 'azp, when present (required when aud has several values), is the client id.',
  },
  (payload, token) => {
    const multiple = Array.isArray(payload.aud) && payload.aud.length > 1;
    if (payload.azp === undefined && !multiple) return pass();
    return expectThat(
      payload.azp === token.expect.clientId,
      () => `expected azp ${describeValue(token.expect.clientId)}, got ${describeValue(payload.azp)}`,
    );
  },
);

const SUBJECT_TITLE = 'sub is the id of the user who logged in.';

function subjectIsLoggedInUser(payload: { sub?: unknown }, token: TokenUnderTest) {
  if (!token.expect.subject) return fail('the harness did not say which user logged in');
  return expectThat(
    payload.sub === token.expect.subject,
    () => `expected sub ${describeValue(token.expect.subject)}, got ${describeValue(payload.sub)}`,
  );
}

export const subjectIsUser: PerTokenKind = {
  access_token: claimCheck(
    { id: 'access_token.sub.is_logged_in_user', ref: AUTH0.accessTokenProfiles, title: SUBJECT_TITLE },
    subjectIsLoggedInUser,
  ),
  id_token: claimCheck(
    { id: 'id_token.sub.is_logged_in_user', ref: OPENID.idToken, title: SUBJECT_TITLE },
    subjectIsLoggedInUser,
  ),
};
