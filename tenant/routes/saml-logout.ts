import type { FastifyInstance } from 'fastify';
import { autoPostForm } from '../browser/html.ts';
import { endSession } from '../browser/session-cookie.ts';
import { xml } from '../federation/canonical-xml.ts';
import { SAML_ASSERTION_NS, samlId } from '../federation/saml-assertion.ts';
import { samlEntityId } from '../federation/saml-response.ts';
import { stringParams } from '../http/request-bodies.ts';
import { sendErrorPage } from '../oauth-error.ts';

const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';

/** The ID of a LogoutRequest (POST binding: base64, not deflated); undefined when it is not one. */
function logoutRequestId(encoded: string): string | undefined {
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  const element = /<(?:\w+:)?LogoutRequest\b[^>]*>/.exec(text)?.[0];
  return element ? (/\sID="([^"]+)"/.exec(element)?.[1] ?? '') : undefined;
}

/**
 * POST /samlp/{client_id}/logout (docs/auth0-api.md §1.1): SAML single logout with the tenant as
 * IdP. A LogoutRequest ends the login session; the LogoutResponse (Success, InResponseTo the
 * request) is posted back to the application's logout URL. Anything else is a 400 page.
 */
export function samlLogoutRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  app.post('/samlp/:clientId/logout', async (request, reply) => {
    const client = tenant.findClient((request.params as { clientId: string }).clientId);
    if (!tenant.fixture.features.samlp || !client?.samlp)
      return sendErrorPage(reply, 404, 'invalid_request', 'No SAML2 Web App add-on is enabled for this client.');
    const params = stringParams(request.query, request.body);
    const requestId = params.SAMLRequest ? logoutRequestId(params.SAMLRequest) : undefined;
    if (!requestId) return sendErrorPage(reply, 400, 'invalid_request', 'SAMLRequest is not a readable LogoutRequest.');
    endSession(tenant, request, reply);
    const destination = client.samlp.logoutUrl ?? client.samlp.callbackUrl;
    const response = xml({
      name: 'samlp:LogoutResponse',
      namespaces: { samlp: PROTOCOL_NS },
      attributes: {
        Destination: destination,
        ID: samlId(),
        InResponseTo: tenant.faults.has('saml_logout.wrong_in_response_to') ? samlId() : requestId,
        IssueInstant: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2.0',
      },
      children: [
        xml({ name: 'saml:Issuer', namespaces: { saml: SAML_ASSERTION_NS }, children: samlEntityId(tenant) }),
        xml({
          name: 'samlp:Status',
          children: [
            xml({ name: 'samlp:StatusCode', attributes: { Value: 'urn:oasis:names:tc:SAML:2.0:status:Success' } }),
          ],
        }),
      ],
    });
    const fields: Record<string, string> = { SAMLResponse: Buffer.from(response).toString('base64') };
    if (params.RelayState !== undefined) fields.RelayState = params.RelayState;
    return reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(autoPostForm(destination, fields));
  });
}
