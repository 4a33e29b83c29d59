import type { FastifyInstance, FastifyReply } from 'fastify';
import { readSession } from '../browser/session-cookie.ts';
import { bodyParams, param, stringParams } from '../http/request-bodies.ts';
import { BLOCKED_AFTER_ATTEMPTS, authenticateDatabaseUser } from '../login/database-login.ts';
import type { Application } from '../materialise-fixture.ts';
import { sendOAuthError } from '../oauth-error.ts';
import { issueAccessToken } from '../tokens/access-token.ts';
import { issueIdToken, profileClaims } from '../tokens/id-token.ts';
import { verifyBearer, verifyOwnJwt } from '../tokens/verify-own-token.ts';
import { GRANT_TYPE } from '../../lib/k6-and-node/grant-types.ts';

type LegacyFeature =
  | 'oauthRo'
  | 'tokeninfo'
  | 'delegation'
  | 'oauthAccessToken'
  | 'ssodata'
  | 'unlink'
  | 'impersonation';

/**
 * Legacy endpoints as a current tenant answers them (docs/auth0-api.md §1.2, §3.9): 404 endpoint_disabled when the
 * tenant has them off, and for OIDC-conformant applications `invalid_request` "OIDC conformant
 * clients cannot use <path>". Applications marked not OIDC-conformant get the old behaviour.
 */
export function legacyRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  const disabled = (feature: LegacyFeature, reply: FastifyReply, path: string) => {
    if (tenant.fixture.features.legacy[feature]) return false;
    sendOAuthError(reply, 404, 'endpoint_disabled', `The ${path} endpoint is disabled for this tenant.`);
    return true;
  };
  const refusedConformant = (client: Application, reply: FastifyReply, path: string) => {
    if (!client.oidcConformant || tenant.faults.has('legacy.serves_oidc_conformant_apps')) return false;
    sendOAuthError(reply, 400, 'invalid_request', `OIDC conformant clients cannot use ${path}`);
    return true;
  };

  app.post('/oauth/ro', async (request, reply) => {
    if (disabled('oauthRo', reply, '/oauth/ro')) return reply;
    const body = bodyParams(request.body);
    const clientId = param(body, 'client_id');
    if (!clientId) return sendOAuthError(reply, 400, 'invalid_request', 'missing client_id parameter');
    const client = tenant.findClient(clientId);
    if (!client) return sendOAuthError(reply, 403, 'unauthorized_client', 'invalid client');
    if (refusedConformant(client, reply, '/oauth/ro')) return reply;
    const connection = param(body, 'connection');
    if (!connection) return sendOAuthError(reply, 400, 'invalid_request', 'missing connection parameter');
    if (connection !== tenant.fixture.connections.database.name)
      return sendOAuthError(reply, 400, 'invalid_request', 'the connection was not found');
    if (body.grant_type !== 'password')
      return sendOAuthError(reply, 400, 'invalid_request', 'specified strategy does not support requested operation');
    const username = param(body, 'username');
    const password = param(body, 'password');
    if (!username) return sendOAuthError(reply, 400, 'invalid_request', 'missing username parameter');
    if (!password) return sendOAuthError(reply, 400, 'invalid_request', 'missing password parameter');
    const login = authenticateDatabaseUser(tenant, request, reply, { connection, username, password, ip: request.ip });
    if (!login.ok) {
      if (login.reason === 'answered') return reply;
      if (login.reason === 'too_many_attempts')
        return sendOAuthError(reply, 429, 'too_many_attempts', BLOCKED_AFTER_ATTEMPTS);
      if (login.reason === 'blocked_user') return sendOAuthError(reply, 401, 'unauthorized', 'user is blocked');
      return sendOAuthError(reply, 401, 'invalid_user_password', 'Wrong email or password.');
    }
    const scope = (param(body, 'scope') ?? 'openid').split(' ');
    const idToken = issueIdToken(
      tenant,
      { client, user: login.user, scope, authTime: Math.floor(Date.now() / 1000) },
      false,
    );
    const { accessToken } = issueAccessToken(tenant, { clientId, sub: login.user.userId, scope, withUserinfo: true });
    return reply
      .header('cache-control', 'no-store')
      .send({ id_token: idToken, access_token: accessToken, token_type: 'bearer' });
  });

  app.post('/oauth/access_token', async (request, reply) => {
    if (disabled('oauthAccessToken', reply, '/oauth/access_token')) return reply;
    const client = tenant.findClient(param(bodyParams(request.body), 'client_id') ?? '');
    if (!client) return sendOAuthError(reply, 403, 'unauthorized_client', 'invalid client');
    if (refusedConformant(client, reply, '/oauth/access_token')) return reply;
    // The local tenant has no social connections to exchange an IdP token with.
    return sendOAuthError(reply, 400, 'invalid_request', 'the connection was not found');
  });

  app.post('/delegation', async (request, reply) => {
    if (disabled('delegation', reply, '/delegation')) return reply;
    const body = bodyParams(request.body);
    const client = tenant.findClient(param(body, 'client_id') ?? '');
    if (!client) return sendOAuthError(reply, 403, 'unauthorized_client', 'invalid client');
    if (refusedConformant(client, reply, '/delegation')) return reply;
    if (body.grant_type !== GRANT_TYPE.jwtBearer)
      return sendOAuthError(reply, 400, 'invalid_request', `grant_type must be ${GRANT_TYPE.jwtBearer}`);
    const verified = verifyOwnJwt(tenant, param(body, 'id_token') ?? '');
    const user = verified ? tenant.findUser(verified.sub) : undefined;
    if (!user) return sendOAuthError(reply, 401, 'invalid_token', 'invalid id_token');
    const target = tenant.findClient(param(body, 'target') ?? client.clientId) ?? client;
    const idToken = issueIdToken(
      tenant,
      {
        client: target,
        user,
        scope: (param(body, 'scope') ?? 'openid').split(' '),
        authTime: Number(verified?.claims.auth_time ?? 0),
      },
      false,
    );
    return { id_token: idToken, token_type: 'Bearer', expires_in: 36000 };
  });

  app.post('/tokeninfo', async (request, reply) => {
    if (disabled('tokeninfo', reply, '/tokeninfo')) return reply;
    const verified = verifyOwnJwt(tenant, param(bodyParams(request.body), 'id_token') ?? '');
    const user = verified ? tenant.findUser(verified.sub) : undefined;
    if (!verified || !user) return sendOAuthError(reply, 401, 'invalid_token', 'invalid id_token');
    const client = tenant.findClient(verified.aud[0]);
    if (client && refusedConformant(client, reply, '/tokeninfo')) return reply;
    const [provider, id] = user.userId.split('|');
    return {
      user_id: user.userId,
      ...profileClaims(user, ['profile', 'email']),
      clientID: verified.aud[0],
      identities: [{ provider, user_id: id, connection: user.connection, isSocial: false }],
      created_at: user.createdAt,
    };
  });

  // Account linking's unlink, called with the primary user's access token (docs/auth0-api.md §1.2).
  app.post('/login/unlink', async (request, reply) => {
    if (disabled('unlink', reply, '/login/unlink')) return reply;
    const token = verifyBearer(tenant, request.headers.authorization);
    const user = token ? tenant.findUser(token.sub) : undefined;
    const client = token ? tenant.findClient(token.clientId) : undefined;
    if (!token || !user || !client) return sendOAuthError(reply, 401, 'unauthorized', 'invalid access token');
    if (refusedConformant(client, reply, '/login/unlink')) return reply;
    const identity = param(bodyParams(request.body), 'user_id');
    if (!identity) return sendOAuthError(reply, 400, 'invalid_request', 'missing user_id parameter');
    // The local directory links no identities: there is never a secondary one to remove.
    return sendOAuthError(reply, 400, 'invalid_request', `the identity ${identity} is not linked to the user`);
  });

  // Impersonation: a login link for another user, asked with an access token of the tenant
  // (docs/auth0-api.md §1.2); the client_id names the application the link logs into.
  app.post('/users/:userId/impersonate', async (request, reply) => {
    if (disabled('impersonation', reply, '/users/{user_id}/impersonate')) return reply;
    if (!verifyBearer(tenant, request.headers.authorization))
      return sendOAuthError(reply, 401, 'unauthorized', 'invalid access token');
    const body = bodyParams(request.body);
    const client = tenant.findClient(param(body, 'client_id') ?? '');
    if (!client) return sendOAuthError(reply, 400, 'invalid_request', 'missing or unknown client_id parameter');
    if (refusedConformant(client, reply, '/users/{user_id}/impersonate')) return reply;
    const user = tenant.findUser((request.params as { userId: string }).userId);
    if (!user) return sendOAuthError(reply, 404, 'not_found', 'The user does not exist.');
    // The local tenant issues no impersonation tickets: it has no legacy login page to honour one.
    return sendOAuthError(reply, 400, 'invalid_request', 'impersonation tickets are not issued by this tenant');
  });

  app.get('/user/ssodata', async (request, reply) => {
    if (disabled('ssodata', reply, '/user/ssodata')) return reply;
    const clientId = stringParams(request.query).client_id;
    const client = clientId ? tenant.findClient(clientId) : undefined;
    if (client && refusedConformant(client, reply, '/user/ssodata')) return reply;
    const session = tenant.faults.has('ssodata.session_ignored') ? undefined : readSession(tenant, request);
    const user = session ? tenant.findUser(session.userId) : undefined;
    if (!user) return { sso: false };
    return {
      sso: true,
      sessionClients: [],
      lastUsedConnection: { name: user.connection },
      lastUsedUserID: user.userId,
      lastUsedUsername: user.email ?? user.userId,
      lastUsedClientID: clientId,
    };
  });
}
