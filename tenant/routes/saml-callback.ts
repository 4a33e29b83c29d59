import type { FastifyInstance } from 'fastify';
import { parseAuthorizationRequest } from '../browser/authorization-request.ts';
import { completeAuthorization } from '../browser/authorization-response.ts';
import { startSession } from '../browser/session-cookie.ts';
import { verifySamlResponse } from '../federation/verify-saml-response.ts';
import { stringParams } from '../http/request-bodies.ts';
import { sendErrorPage } from '../oauth-error.ts';

/**
 * POST /login/callback?connection={name} (docs/auth0-api.md §1.1): IdP-initiated SAML SSO with the tenant as the
 * service provider. The response must be signed by the connection's IdP certificate and addressed to
 * `urn:auth0:{tenant}:{connection}` (Auth0's SP entity id); the user then lands in the application
 * the connection names for IdP-initiated logins, with its /authorize parameters.
 */
export function samlCallbackRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  app.post('/login/callback', async (request, reply) => {
    const params = stringParams(request.query, request.body);
    const connection = tenant.fixture.connections.saml.find((c) => c.name === params.connection);
    if (!connection) return sendErrorPage(reply, 400, 'invalid_request', 'Unknown or missing connection.');
    if (!params.SAMLResponse) return sendErrorPage(reply, 400, 'invalid_request', 'Missing SAMLResponse.');
    const tenantName = new URL(tenant.issuer).host.split('.')[0].split(':')[0];
    const verified = verifySamlResponse(
      Buffer.from(params.SAMLResponse, 'base64').toString('utf8'),
      connection.signingCertificatePem,
      `urn:auth0:${tenantName}:${connection.name}`,
      !tenant.faults.has('saml_callback.signature_unchecked'),
    );
    if (typeof verified === 'string') return sendErrorPage(reply, 400, 'invalid_request', verified);
    if (!connection.idpInitiated)
      return sendErrorPage(
        reply,
        400,
        'invalid_request',
        `IdP-Initiated login is not enabled for connection "${connection.name}".`,
      );
    const authorize = parseAuthorizationRequest(tenant, {
      ...Object.fromEntries(new URLSearchParams(connection.idpInitiated.query)),
      client_id: connection.idpInitiated.clientId,
    });
    if ('kind' in authorize) return sendErrorPage(reply, 400, authorize.error, authorize.description);
    const user = tenant.users.federatedUser(connection.name, verified.nameId, verified.email, verified.name);
    return completeAuthorization(tenant, reply, authorize, startSession(tenant, reply, user.userId));
  });
}
