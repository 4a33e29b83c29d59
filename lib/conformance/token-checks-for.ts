import { jsonBody, type Exchange } from '../../checks/exchange.ts';
import { tokenCheckSets } from '../../checks/sets/token-checks.ts';
import { signingRules } from '../../checks/token/signing-rules.ts';
import {
  tokenUnderTest,
  type TokenExpectations,
  type TokenKind,
  type TokenUnderTest,
} from '../../checks/token/token-under-test.ts';
import { boundThumbprint } from '../certificate-binding.ts';
import { recordChecks } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import type { FlowContext } from './flow-context.ts';

/**
 * A token the tenant issued, to be verified against its JWKS (or told why there is none) with the
 * algorithms the profile accepts for its kind.
 */
export function tenantToken(ctx: FlowContext, kind: TokenKind, raw: string, expect: TokenExpectations): TokenUnderTest {
  const signing = signingRules(ctx.profile, kind, ctx.tenant.algorithms);
  return tokenUnderTest(kind, raw, { signing, ...expect }, ctx.tenant.jwks, ctx.tenant.jwksMissing);
}

/**
 * Checks the access token of a successful token response: signature, issuer (configured and
 * discovered), audience, lifetime, the profile's claim set, the grant's own rules, and for a mutual
 * TLS client whose tokens are bound, the binding to its certificate.
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
  const certificateThumbprint = await boundThumbprint(ctx.config, cell.credential);
  const token = tenantToken(ctx, 'access_token', accessToken, {
    ...expect,
    issuer: ctx.config.issuer,
    discoveryIssuer: ctx.tenant.issuer,
    certificateThumbprint,
  });
  const profileChecks =
    ctx.profile === 'auth0' ? tokenCheckSets.auth0AccessTokenProfile : tokenCheckSets.rfc9068AccessTokenProfile;
  const bindingChecks = certificateThumbprint ? tokenCheckSets.certificateBound : [];
  await recordChecks(
    cell,
    [...tokenCheckSets.accessToken, ...profileChecks, ...grantChecks, ...bindingChecks],
    token,
    success,
    flow,
  );
}
