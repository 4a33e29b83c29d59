import type { z } from 'zod';
import { defineCheck, fail, pass, type Check } from '../check.ts';
import { AUTH0, OPENID, rfc } from '../references.ts';
import { Auth0AccessTokenClaims, Rfc9068AccessTokenClaims } from '../schemas/access-token-claims.ts';
import { describeIssues } from '../schemas/describe-issues.ts';
import { IdTokenClaims } from '../schemas/id-token-claims.ts';
import type { TokenUnderTest } from './token-under-test.ts';

function claimsSchemaCheck(id: string, ref: string, title: string, schema: z.ZodType): Check<TokenUnderTest> {
  return defineCheck({
    id,
    ref,
    severity: 'failure',
    title,
    run(token) {
      if (!token.payload)
        return fail(`the ${token.kind} is not a decodable JWT (${token.decodeError ?? 'no payload'})`);
      const parsed = schema.safeParse(token.payload);
      return parsed.success ? pass() : fail(describeIssues(parsed.error));
    },
  });
}

export const idTokenClaimsSchema = claimsSchemaCheck(
  'id_token.claims.schema',
  OPENID.idToken,
  'The ID token has iss, sub, aud, integer exp and iat, and typed optional claims.',
  IdTokenClaims,
);

export const auth0AccessTokenClaimsSchema = claimsSchemaCheck(
  'access_token.claims.schema_auth0_profile',
  AUTH0.accessTokenProfiles,
  'The access token has iss, sub, aud, integer exp and iat, and typed azp, scope, gty and permissions.',
  Auth0AccessTokenClaims,
);

export const rfc9068AccessTokenClaimsSchema = claimsSchemaCheck(
  'access_token.claims.schema_rfc9068_profile',
  rfc(9068, '2.2'),
  'The access token has iss, sub, aud, exp, iat, client_id and jti.',
  Rfc9068AccessTokenClaims,
);
