import { defineCheck, describeValue, expectThat, notRun, type Check } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';
import { OPENID } from '../references.ts';

// OIDC Core §5.3.2: the sub of a UserInfo response MUST equal the sub of the ID token, and the
// access token it was asked with belongs to that same user; a tenant answering for someone else
// would pass a schema check.

type TokenKind = 'access_token' | 'id_token';

function subjectCheck(id: string, kind: TokenKind): Check<Exchange> {
  return defineCheck({
    id,
    ref: OPENID.userinfoResponse,
    severity: 'failure',
    title: `The userinfo sub equals the sub of the ${kind === 'id_token' ? 'ID token' : 'access token'} of the same login.`,
    run: ({ response, expect }) => {
      const expected = expect?.tokenSubjects?.[kind];
      if (!expected) return notRun(`the ${kind} of the login carried no sub to compare with`);
      const sub = (jsonBody(response) as { sub?: unknown } | undefined)?.sub;
      return expectThat(sub === expected, () => `expected sub ${describeValue(expected)}, got ${describeValue(sub)}`);
    },
  });
}

export const userinfoSubjectChecks = [
  subjectCheck('userinfo.sub.equals_access_token_sub', 'access_token'),
  subjectCheck('userinfo.sub.equals_id_token_sub', 'id_token'),
];
