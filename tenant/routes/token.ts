import type { FastifyInstance } from 'fastify';
import { authenticateClient } from '../client-auth/authenticate-client.ts';
import { presentedThumbprint } from '../client-auth/mtls-handshake.ts';
import { GRANT_TYPE } from '../../lib/k6-and-node/grant-types.ts';
import { authorizationCodeGrant } from '../grants/authorization-code.ts';
import { cibaGrant } from '../grants/ciba.ts';
import { clientCredentialsGrant } from '../grants/client-credentials.ts';
import { deviceCodeGrant } from '../grants/device-code.ts';
import type { GrantContext } from '../grants/grant-context.ts';
import { mfaOobGrant, mfaOtpGrant, mfaRecoveryCodeGrant } from '../grants/mfa.ts';
import { passwordGrant } from '../grants/password.ts';
import { passwordlessOtpGrant } from '../grants/passwordless-otp.ts';
import { refreshTokenGrant } from '../grants/refresh-token.ts';
import { bodyParams, param } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';

type GrantHandler = (ctx: GrantContext) => Promise<unknown>;

const GRANTS: Record<string, GrantHandler> = {
  [GRANT_TYPE.clientCredentials]: clientCredentialsGrant,
  [GRANT_TYPE.password]: (ctx) => passwordGrant(ctx, false),
  [GRANT_TYPE.passwordRealm]: (ctx) => passwordGrant(ctx, true),
  [GRANT_TYPE.refreshToken]: refreshTokenGrant,
  [GRANT_TYPE.authorizationCode]: authorizationCodeGrant,
  [GRANT_TYPE.deviceCode]: deviceCodeGrant,
  [GRANT_TYPE.ciba]: cibaGrant,
  [GRANT_TYPE.passwordlessOtp]: passwordlessOtpGrant,
  [GRANT_TYPE.mfaOtp]: mfaOtpGrant,
  [GRANT_TYPE.mfaOob]: mfaOobGrant,
  [GRANT_TYPE.mfaRecoveryCode]: mfaRecoveryCodeGrant,
};

export function tokenRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  // /oauth/token's own bucket exists on Free only (30/s, any request); elsewhere the global one
  // (docs/auth0-api.md §4.4).
  app.post('/oauth/token', { config: { rateLimit: { id: 'token', key: 'any' } } }, async (request, reply) => {
    const params = bodyParams(request.body);
    const grantType = param(params, 'grant_type');
    if (!grantType) return sendOAuthError(reply, 400, 'invalid_request', 'Missing required parameter: grant_type');
    const handler = GRANTS[grantType];
    if (!handler) return sendOAuthError(reply, 400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
    const auth = await authenticateClient(tenant, request, params, {
      secretFailure: 'access_denied',
      allowPublic: true,
    });
    if (!auth.ok) return sendOAuthError(reply, auth.status, auth.error, auth.description);
    // Deviation token.refuse_all_clients: good credentials are refused like bad ones.
    if (tenant.faults.has('token.refuse_all_clients'))
      return sendOAuthError(reply, 401, 'invalid_client', 'Client authentication failed');
    if (!auth.client.grantTypes.includes(grantType)) {
      return sendOAuthError(
        reply,
        403,
        'unauthorized_client',
        `Grant type '${grantType}' not allowed for the client.`,
        { error_uri: 'https://auth0.com/docs/clients/client-grant-types' },
      );
    }
    return handler({
      tenant,
      request,
      reply,
      params,
      client: auth.client,
      authenticated: auth.method !== 'none',
      // Binding is independent of how the client authenticated: any certificate presented may bind its tokens.
      certificateThumbprint: auth.certificateThumbprint ?? presentedThumbprint(request),
    });
  });
}
