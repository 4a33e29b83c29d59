import { createPublicKey } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { jwtVerify } from 'jose';
import { bodyParams } from '../http/request-bodies.ts';
import { sendOAuthError } from '../oauth-error.ts';

/**
 * POST /oauth/global-token-revocation/connection/{connection_name} (docs/auth0-api.md §1.1): Okta
 * Universal Logout. The identity provider authenticates with a bearer JWT signed by the
 * connection's key, whose iss and sub are the ones configured for the connection and whose aud is
 * this URL; the body names the user as `subject: {format: "iss_sub", iss, sub}`. The user's sessions
 * and refresh tokens are revoked, not the access tokens; 200, 400 (bad subject) or 401.
 */
export function globalTokenRevocationRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  app.post('/oauth/global-token-revocation/connection/:connection', async (request, reply) => {
    const name = (request.params as { connection: string }).connection;
    const connection = tenant.fixture.connections.saml.find((c) => c.name === name && c.globalTokenRevocation);
    if (!connection?.globalTokenRevocation)
      return sendOAuthError(reply, 400, 'invalid_request', `Universal Logout is not set up for connection ${name}.`);
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const expected = connection.globalTokenRevocation;
    const verified =
      token &&
      (await jwtVerify(token, createPublicKey(connection.signingCertificatePem), {
        issuer: expected.jwtIss,
        subject: expected.jwtSub,
        audience: `${tenant.issuer}oauth/global-token-revocation/connection/${name}`,
        requiredClaims: ['exp'],
      }).then(
        () => true,
        () => false,
      ));
    if (!verified && !tenant.faults.has('global_token_revocation.token_unchecked'))
      return sendOAuthError(reply, 401, 'invalid_token', 'The request is not authenticated by the connection.');
    const subject = bodyParams(request.body).subject as { format?: unknown; iss?: unknown; sub?: unknown } | undefined;
    if (subject?.format !== 'iss_sub' || typeof subject.iss !== 'string' || typeof subject.sub !== 'string')
      return sendOAuthError(reply, 400, 'invalid_request', 'subject must be {"format": "iss_sub", "iss", "sub"}.');
    const userId = `samlp|${name}|${subject.sub}`;
    for (const session of tenant.sessions.values()) if (session.userId === userId) tenant.sessions.delete(session.sid);
    tenant.refreshTokens.revokeUser(userId);
    return reply.code(200).send();
  });
}
