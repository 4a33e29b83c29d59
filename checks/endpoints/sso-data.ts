import { z } from 'zod';
import { defineCheck, describeValue, expectThat, fail, notRun } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';
import { statusCheck } from '../http/status.ts';
import { AUTH0 } from '../references.ts';
import { schemaCheck } from '../schemas/schema-check.ts';

// GET /user/ssodata: whether the browser has a login session with the tenant, and for whom (the
// data Lock reads to offer "last time you logged in with…"; docs/auth0-api.md §1.1).

const SsoData = z.lazy(() =>
  z.looseObject({
    sso: z.boolean(),
    lastUsedUserID: z.string().optional(),
    lastUsedConnection: z.looseObject({ name: z.string() }).optional(),
  }),
);

export const ssoDataChecks = [
  statusCheck('user_ssodata.status.is_200', AUTH0.ssoData),
  schemaCheck({
    id: 'user_ssodata.schema',
    ref: AUTH0.ssoData,
    title: 'The SSO data is a JSON object with a boolean sso, and the last user and connection when there is one.',
    schema: SsoData,
  }),
  defineCheck<Exchange>({
    id: 'user_ssodata.sso.reports_the_session',
    ref: AUTH0.ssoData,
    severity: 'failure',
    title: 'With a login session, sso is true and lastUsedUserID is the user who logged in.',
    run: ({ response, expect }) => {
      const body = jsonBody(response) as { sso?: unknown; lastUsedUserID?: unknown } | undefined;
      if (!body || typeof body !== 'object') return fail(`expected a JSON object, got ${describeValue(response.body)}`);
      const userId = expect?.userId;
      if (!userId) return notRun('the login that opened the session gave no user id to compare with');
      return expectThat(
        body.sso === true && body.lastUsedUserID === userId,
        () =>
          `expected sso true for ${describeValue(userId)}, got sso ${describeValue(body.sso)} for ${describeValue(body.lastUsedUserID)}`,
      );
    },
  }),
];
