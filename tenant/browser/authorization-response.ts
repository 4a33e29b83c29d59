import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Session, TenantState } from '../tenant-state.ts';
import { issueAccessToken } from '../tokens/access-token.ts';
import { issueIdToken } from '../tokens/id-token.ts';
import { grantedScopes } from '../tokens/user-tokens.ts';
import type { AuthorizationRequest } from './authorization-request.ts';
import { autoPostForm } from './html.ts';

/** Authorization codes are short-lived and single use. */
const CODE_TTL_MS = 10 * 60 * 1000;

/** Sends parameters to redirect_uri with the request's response mode (query, fragment or form_post). */
function deliverToClient(
  reply: FastifyReply,
  request: AuthorizationRequest,
  values: Record<string, string | undefined>,
): FastifyReply {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) fields[k] = v;
  if (request.state !== undefined) fields.state = request.state;
  if (request.responseMode === 'form_post')
    return reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(autoPostForm(request.redirectUri, fields));
  const url = new URL(request.redirectUri);
  const encoded = new URLSearchParams(fields).toString();
  if (request.responseMode === 'fragment') url.hash = encoded;
  else for (const [k, v] of Object.entries(fields)) url.searchParams.set(k, v);
  return reply.code(302).header('location', url.toString()).send();
}

export function deliverError(
  reply: FastifyReply,
  request: AuthorizationRequest,
  error: string,
  description: string,
): FastifyReply {
  return deliverToClient(reply, request, { error, error_description: description });
}

/** Issues what the response_type asks for (code, token, id_token, or a hybrid) for a signed-in user. */
export function completeAuthorization(
  tenant: TenantState,
  reply: FastifyReply,
  request: AuthorizationRequest,
  session: Session,
): FastifyReply {
  const user = tenant.findUser(session.userId);
  if (!user) return deliverError(reply, request, 'login_required', 'Login required');
  const { client } = request;
  const scope = grantedScopes(
    tenant,
    user,
    request.scope,
    request.audience === tenant.userinfoAudience ? undefined : request.audience,
    false,
  );
  const audience = request.audience === tenant.userinfoAudience ? undefined : request.audience;
  const out: Record<string, string | undefined> = {};
  if (request.responseTypes.has('code')) {
    const code = randomBytes(24).toString('base64url');
    tenant.codes.set(
      code,
      {
        clientId: client.clientId,
        userId: user.userId,
        scope,
        audience,
        nonce: request.nonce,
        authTime: session.authTime,
        sid: session.sid,
        redirectUri: request.redirectUriGiven ? request.redirectUri : undefined,
        codeChallenge: request.codeChallenge,
        codeChallengeMethod: request.codeChallengeMethod,
      },
      CODE_TTL_MS,
    );
    out.code = code;
  }
  if (request.responseTypes.has('token')) {
    // Implicit and hybrid flows never return a refresh token (docs/auth0-api.md §1.1).
    const api = audience ? tenant.findApi(audience) : undefined;
    const issued = issueAccessToken(tenant, {
      clientId: client.clientId,
      sub: user.userId,
      api,
      scope: scope.filter((s) => s !== 'offline_access'),
      permissions: api?.rbac && api.addPermissionsInToken ? (user.permissions[api.identifier] ?? []) : undefined,
      withUserinfo: scope.includes('openid'),
    });
    out.access_token = issued.accessToken;
    out.token_type = 'Bearer';
    out.expires_in = String(issued.expiresIn);
  }
  if (request.responseTypes.has('id_token')) {
    out.id_token = issueIdToken(
      tenant,
      {
        client,
        user,
        scope,
        nonce: request.nonce,
        authTime: session.authTime,
        sid: session.sid,
        accessToken: out.access_token,
        code: out.code,
      },
      out.access_token !== undefined,
    );
  }
  return deliverToClient(reply, request, out);
}
