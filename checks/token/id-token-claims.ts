import { defineCheck, describeValue, expectThat, fail, pass } from '../check.ts';
import { claimCheck } from './claim-check.ts';
import { leftHalfHash } from './token-hash.ts';
import type { TokenUnderTest } from './token-under-test.ts';

// What an ID token must bind it to: the request (nonce, max_age), the tokens issued with it
// (at_hash, c_hash) and the party it was issued to (azp) — OIDC Core §2, §3.1.3.7, §3.3.2.12.

export const nonceEchoed = claimCheck(
  'id_token',
  'nonce.echoed',
  { ref: 'OIDCC-3.1.3.7 (11), auth0-spec §2.2', title: 'nonce is exactly the nonce sent to /authorize.' },
  (payload, token) => {
    if (token.expect.nonce === undefined) return fail('the harness did not say which nonce it sent');
    return expectThat(
      payload.nonce === token.expect.nonce,
      () => `expected nonce ${describeValue(token.expect.nonce)}, got ${describeValue(payload.nonce)}`,
    );
  },
);

function hashCheck(claim: 'at_hash' | 'c_hash', source: 'accessToken' | 'code', ref: string) {
  return defineCheck<TokenUnderTest>({
    id: `id_token.${claim}.matches_${source === 'code' ? 'code' : 'access_token'}`,
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

export const atHashMatches = hashCheck('at_hash', 'accessToken', 'OIDCC-3.2.2.9, OIDCC-3.3.2.11');
export const cHashMatches = hashCheck('c_hash', 'code', 'OIDCC-3.3.2.11');

export const authTimePresent = claimCheck(
  'id_token',
  'auth_time.present_when_max_age',
  {
    ref: 'OIDCC-3.1.2.1 (max_age), OIDCC-2',
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
  'id_token',
  'sid.present',
  // A warning: Auth0 documents sid as the logout_hint, not as a claim every ID token must carry.
  {
    ref: 'OIDC-Front-Channel-Logout-3, auth0-spec §2.2',
    title: 'sid, the session id used as logout_hint, is a non-empty string.',
    severity: 'warning',
  },
  (payload) =>
    expectThat(
      typeof payload.sid === 'string' && payload.sid.length > 0,
      () => `expected a sid, got ${describeValue(payload.sid)}`,
    ),
);

export const azpIsClient = claimCheck(
  'id_token',
  'azp.is_client_id',
  {
    ref: 'OIDCC-3.1.3.7 (4-5), auth0-spec §2.2',
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

export const subjectIsUser = (kind: 'id_token' | 'access_token') =>
  claimCheck(
    kind,
    'sub.is_logged_in_user',
    { ref: 'OIDCC-2, auth0-spec §2.2', title: 'sub is the id of the user who logged in.' },
    (payload, token) => {
      if (!token.expect.subject) return fail('the harness did not say which user logged in');
      return expectThat(
        payload.sub === token.expect.subject,
        () => `expected sub ${describeValue(token.expect.subject)}, got ${describeValue(payload.sub)}`,
      );
    },
  );
