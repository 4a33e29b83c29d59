import type { JWTPayload } from 'jose';
import { defineCheck, fail, type Check, type CheckOutcome, type Severity } from '../check.ts';
import type { TokenKind, TokenUnderTest } from './token-under-test.ts';

/** One rule as a check per token kind, each with its own id written out. */
export type PerTokenKind = Record<TokenKind, Check<TokenUnderTest>>;

/** A rule on a decoded token's claims; the token's kind starts the id (`access_token.aud.contains_audience`). */
export function claimCheck(
  spec: { id: string; ref: string; title: string; severity?: Severity },
  run: (payload: JWTPayload, token: TokenUnderTest) => CheckOutcome,
): Check<TokenUnderTest> {
  return defineCheck({
    id: spec.id,
    ref: spec.ref,
    title: spec.title,
    severity: spec.severity ?? 'failure',
    run(token) {
      if (!token.payload)
        return fail(`the ${token.kind} is not a decodable JWT (${token.decodeError ?? 'no payload'})`);
      return run(token.payload, token);
    },
  });
}
