import { jsonBody, type Exchange } from '../../checks/exchange.ts';
import { tokenCheckSets } from '../../checks/sets/token-checks.ts';
import { tokenUnderTest, type TokenExpectations } from '../../checks/token/token-under-test.ts';
import { recordChecks } from '../record-checks.ts';
import type { CheckCell } from '../result-protocol.ts';
import type { FlowContext } from './flow-context.ts';

/**
 * Checks the access token of a successful token response: signature, issuer (configured and
 * discovered), audience, lifetime, the profile's claim set, and the grant's own rules.
 */
export async function checkAccessToken(
  ctx: FlowContext,
  cell: CheckCell,
  success: Exchange,
  expect: Omit<TokenExpectations, 'issuer' | 'discoveryIssuer'>,
  grantChecks: typeof tokenCheckSets.accessToken,
  flow: string,
): Promise<void> {
  const accessToken = (jsonBody(success.response) as { access_token: string }).access_token;
  const token = tokenUnderTest(
    'access_token',
    accessToken,
    { ...expect, issuer: ctx.config.issuer, discoveryIssuer: ctx.tenant.issuer },
    ctx.tenant.jwks,
  );
  const profileChecks =
    ctx.profile === 'auth0' ? tokenCheckSets.auth0AccessTokenProfile : tokenCheckSets.rfc9068AccessTokenProfile;
  await recordChecks(cell, [...tokenCheckSets.accessToken, ...profileChecks, ...grantChecks], token, success, flow);
}
