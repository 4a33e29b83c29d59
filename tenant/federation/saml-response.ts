import type { FastifyReply } from 'fastify';
import { autoPostForm } from '../browser/html.ts';
import { sendErrorPage } from '../oauth-error.ts';
import type { LoginTransaction, Session, TenantState } from '../tenant-state.ts';
import { xml } from './canonical-xml.ts';
import { alterSignedContent, SAML_ASSERTION_NS, samlId, signedAssertion } from './saml-assertion.ts';

type SamlTransaction = Extract<LoginTransaction, { protocol: 'samlp' }>;

/** The SAML entity id of the tenant as IdP: `urn:{tenant domain}`, as Auth0 names it. */
export const samlEntityId = (tenant: TenantState): string => `urn:${new URL(tenant.issuer).host}`;

/** POST binding: an auto-posting form carrying the Response (signed assertion) to the ACS URL. */
export function sendSamlResponse(
  tenant: TenantState,
  reply: FastifyReply,
  transaction: SamlTransaction,
  session: Session,
): FastifyReply {
  const user = tenant.findUser(session.userId);
  if (!user) return sendErrorPage(reply, 400, 'invalid_request', 'The signed-in user no longer exists.');
  const issuer = samlEntityId(tenant);
  const signed = signedAssertion(
    {
      issuer,
      audience: transaction.audience,
      recipient: transaction.acsUrl,
      inResponseTo: transaction.requestId,
      user,
      sessionIndex: session.sid,
      authTime: session.authTime,
    },
    tenant.keys[0],
  );
  const assertion = tenant.faults.has('saml.assertion_signature_broken') ? alterSignedContent(signed) : signed;
  const response = xml({
    name: 'samlp:Response',
    namespaces: { samlp: 'urn:oasis:names:tc:SAML:2.0:protocol' },
    attributes: {
      Destination: transaction.acsUrl,
      ID: samlId(),
      InResponseTo: transaction.requestId,
      IssueInstant: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2.0',
    },
    children: [
      xml({ name: 'saml:Issuer', namespaces: { saml: SAML_ASSERTION_NS }, children: issuer }),
      xml({
        name: 'samlp:Status',
        children: [
          xml({ name: 'samlp:StatusCode', attributes: { Value: 'urn:oasis:names:tc:SAML:2.0:status:Success' } }),
        ],
      }),
      assertion,
    ],
  });
  const fields: Record<string, string> = { SAMLResponse: Buffer.from(response).toString('base64') };
  if (transaction.relayState !== undefined) fields.RelayState = transaction.relayState;
  return reply
    .code(200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(autoPostForm(transaction.acsUrl, fields));
}
