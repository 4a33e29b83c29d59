import { inflateRawSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { finishLogin, sendToLoginPage } from '../browser/finish-login.ts';
import { readSession } from '../browser/session-cookie.ts';
import { stringParams } from '../http/request-bodies.ts';
import { sendErrorPage } from '../oauth-error.ts';
import type { LoginTransaction } from '../tenant-state.ts';

/** The ID and ACS URL of an AuthnRequest; undefined when it cannot be read. */
function readAuthnRequest(encoded: string, deflated: boolean): { id?: string; acsUrl?: string } | undefined {
  try {
    const bytes = Buffer.from(encoded, 'base64');
    const text = (deflated ? inflateRawSync(bytes) : bytes).toString('utf8');
    if (!/<(\w+:)?AuthnRequest[\s>]/.test(text)) return undefined;
    const attribute = (name: string) => new RegExp(`<(?:\\w+:)?AuthnRequest[^>]*\\s${name}="([^"]*)"`).exec(text)?.[1];
    return { id: attribute('ID'), acsUrl: attribute('AssertionConsumerServiceURL') };
  } catch {
    return undefined;
  }
}

/**
 * SP-initiated SAML (`/samlp/{client_id}`, redirect and POST bindings) and WS-Federation passive
 * sign-in (`/wsfed/{client_id}`, `/wsfed?wtrealm=urn:{client_id}`) with the tenant as IdP (docs/auth0-api.md §1.1).
 * Both go through the login page (or the existing session) and answer with a signed assertion.
 */
export function federationSignInRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  const start = (request: FastifyRequest, reply: FastifyReply, transaction: LoginTransaction) => {
    const session = readSession(tenant, request);
    return session ? finishLogin(tenant, reply, transaction, session) : sendToLoginPage(tenant, reply, transaction);
  };

  const samlp = async (request: FastifyRequest, reply: FastifyReply) => {
    const client = tenant.findClient((request.params as { clientId: string }).clientId);
    if (!tenant.fixture.features.samlp || !client?.samlp)
      return sendErrorPage(reply, 404, 'invalid_request', 'No SAML2 Web App add-on is enabled for this client.');
    const params = stringParams(request.query, request.body);
    let requestId: string | undefined;
    if (params.SAMLRequest) {
      const authn = readAuthnRequest(params.SAMLRequest, request.method === 'GET');
      if (!authn) return sendErrorPage(reply, 400, 'invalid_request', 'SAMLRequest is not a readable AuthnRequest.');
      if (authn.acsUrl !== undefined && authn.acsUrl !== client.samlp.callbackUrl)
        return sendErrorPage(
          reply,
          400,
          'invalid_request',
          "The AssertionConsumerServiceURL is not the application's callback URL.",
        );
      requestId = authn.id;
    }
    const audience = client.samlp.audience ?? `urn:${client.clientId}`;
    return start(request, reply, {
      protocol: 'samlp',
      clientId: client.clientId,
      acsUrl: client.samlp.callbackUrl,
      audience,
      requestId,
      relayState: params.RelayState,
    });
  };
  app.get('/samlp/:clientId', samlp);
  app.post('/samlp/:clientId', samlp);

  const wsfed = async (request: FastifyRequest, reply: FastifyReply) => {
    const query = stringParams(request.query);
    const clientId = (request.params as { clientId?: string }).clientId ?? query.wtrealm?.replace(/^urn:/, '');
    const client = clientId ? tenant.findClient(clientId) : undefined;
    if (!tenant.fixture.features.wsfed || !client)
      return sendErrorPage(
        reply,
        400,
        'invalid_request',
        'Unknown WS-Federation realm (wtrealm must be urn:{client_id}).',
      );
    const wreply = query.wreply ?? client.callbacks[0];
    if (!wreply || !client.callbacks.includes(wreply))
      return sendErrorPage(reply, 400, 'invalid_request', 'wreply is not in the list of allowed callback URLs.');
    return start(request, reply, {
      protocol: 'wsfed',
      clientId: client.clientId,
      wreply,
      realm: query.wtrealm ?? `urn:${client.clientId}`,
      wctx: query.wctx,
    });
  };
  app.get('/wsfed', wsfed);
  app.get('/wsfed/:clientId', wsfed);
}
