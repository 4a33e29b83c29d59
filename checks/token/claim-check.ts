import type { JWTPayload } from 'jose';
import { defineCheck, fail, type Check, type CheckOutcome, type Severity } from '../check.ts';
import type { TokenKind, TokenUnderTest } from './token-under-test.ts';

/**
 * A check on a decoded token's claims, one per token kind: `claimCheck('aud.contains_audience', …)`
 * yields `access_token.aud.contains_audience` and/or `id_token.aud.contains_audience`.
 */
export function claimCheck(
  kind: TokenKind,
  rule: string,
  spec: { ref: string; title: string; severity?: Severity },
  run: (payload: JWTPayload, token: TokenUnderTest) => CheckOutcome,
): Check<TokenUnderTest> {
  return defineCheck({
    id: `${kind}.${rule}`,
    ref: spec.ref,
    title: spec.title,
    severity: spec.severity ?? 'failure',
    run(token) {
      if (!token.payload) return fail(`the ${kind} is not a decodable JWT (${token.decodeError ?? 'no payload'})`);
      return run(token.payload, token);
    },
  });
}
