import type { FastifyInstance, FastifyReply } from 'fastify';
import { escapeHtml } from '../browser/html.ts';

/**
 * SAML IdP metadata per application and WS-Federation metadata (docs/auth0-api.md §1.1), both naming the tenant's
 * current signing certificate (the same one the JWKS publishes in x5c).
 */
export function federationMetadataRoutes(app: FastifyInstance): void {
  const tenant = app.tenant;
  const host = () => new URL(tenant.issuer).host;
  const certificate = () => (tenant.keys[0].publicJwk.x5c as string[])[0];
  const keyDescriptor = () =>
    `<KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${certificate()}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>`;
  const xml = (reply: FastifyReply, body: string) =>
    reply.type('application/xml; charset=utf-8').send(`<?xml version="1.0"?>\n${body}`);
  const notFound = (reply: FastifyReply) => reply.code(404).type('text/plain; charset=utf-8').send('Not Found');

  app.get('/samlp/metadata/:clientId', async (request, reply) => {
    const client = tenant.findClient((request.params as { clientId: string }).clientId);
    if (!tenant.fixture.features.samlp || !client) return notFound(reply);
    const sso = `${tenant.issuer}samlp/${encodeURIComponent(client.clientId)}`;
    return xml(
      reply,
      `<EntityDescriptor entityID="urn:${escapeHtml(host())}" xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keyDescriptor()}` +
        `<SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeHtml(sso)}/logout"/><SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeHtml(sso)}/logout"/>` +
        `<NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</NameIDFormat><NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</NameIDFormat><NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</NameIDFormat>` +
        `<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeHtml(sso)}"/><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeHtml(sso)}"/>` +
        `</IDPSSODescriptor></EntityDescriptor>`,
    );
  });

  app.get('/wsfed/FederationMetadata/2007-06/FederationMetadata.xml', async (_request, reply) => {
    if (!tenant.fixture.features.wsfed) return notFound(reply);
    const endpoint = `${tenant.issuer}wsfed`;
    return xml(
      reply,
      `<EntityDescriptor entityID="urn:${escapeHtml(host())}" xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><RoleDescriptor xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706">${keyDescriptor()}` +
        `<fed:PassiveRequestorEndpoint><EndpointReference xmlns="http://www.w3.org/2005/08/addressing"><Address>${escapeHtml(endpoint)}</Address></EndpointReference></fed:PassiveRequestorEndpoint></RoleDescriptor>` +
        `<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keyDescriptor()}<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeHtml(endpoint)}"/></IDPSSODescriptor></EntityDescriptor>`,
    );
  });
}
