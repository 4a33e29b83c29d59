import type { FastifyReply } from 'fastify';
import { autoPostForm } from '../browser/html.ts';
import { sendErrorPage } from '../oauth-error.ts';
import type { LoginTransaction, Session, TenantState } from '../tenant-state.ts';
import { xml } from './canonical-xml.ts';
import { alterSignedContent, signedAssertion } from './saml-assertion.ts';
import { samlEntityId } from './saml-response.ts';

type WsFedTransaction = Extract<LoginTransaction, { protocol: 'wsfed' }>;
const LIFETIME_S = 3600;

/**
 * WS-Federation passive sign-in response: wa=wsignin1.0 and a RequestSecurityTokenResponse posted to
 * wreply. The token is a signed SAML 2.0 assertion (Auth0 defaults to SAML 1.1 for WS-Fed; relying
 * parties accept either through TokenType, and one assertion format keeps one signing path).
 */
export function sendWsFedResponse(
  tenant: TenantState,
  reply: FastifyReply,
  transaction: WsFedTransaction,
  session: Session,
): FastifyReply {
  const user = tenant.findUser(session.userId);
  if (!user) return sendErrorPage(reply, 400, 'invalid_request', 'The signed-in user no longer exists.');
  const signed = signedAssertion(
    {
      issuer: samlEntityId(tenant),
      audience: transaction.realm,
      recipient: transaction.wreply,
      user,
      sessionIndex: session.sid,
      authTime: session.authTime,
    },
    tenant.keys[0],
  );
  const assertion = tenant.faults.has('wsfed.assertion_signature_broken') ? alterSignedContent(signed) : signed;
  const now = Date.now();
  const wsu = { wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd' };
  const rstr = xml({
    name: 't:RequestSecurityTokenResponse',
    namespaces: { t: 'http://schemas.xmlsoap.org/ws/2005/02/trust' },
    children: [
      xml({
        name: 't:Lifetime',
        children: [
          xml({ name: 'wsu:Created', namespaces: wsu, children: new Date(now).toISOString() }),
          xml({ name: 'wsu:Expires', namespaces: wsu, children: new Date(now + LIFETIME_S * 1000).toISOString() }),
        ],
      }),
      xml({
        name: 'wsp:AppliesTo',
        namespaces: { wsp: 'http://schemas.xmlsoap.org/ws/2004/09/policy' },
        children: [
          xml({
            name: 'wsa:EndpointReference',
            namespaces: { wsa: 'http://www.w3.org/2005/08/addressing' },
            children: [xml({ name: 'wsa:Address', children: transaction.realm })],
          }),
        ],
      }),
      xml({ name: 't:RequestedSecurityToken', children: [assertion] }),
      xml({ name: 't:TokenType', children: 'urn:oasis:names:tc:SAML:2.0:assertion' }),
      xml({ name: 't:RequestType', children: 'http://schemas.xmlsoap.org/ws/2005/02/trust/Issue' }),
      xml({ name: 't:KeyType', children: 'http://schemas.xmlsoap.org/ws/2005/05/identity/NoProofKey' }),
    ],
  });
  const fields: Record<string, string> = { wa: 'wsignin1.0', wresult: rstr };
  if (transaction.wctx !== undefined) fields.wctx = transaction.wctx;
  return reply
    .code(200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(autoPostForm(transaction.wreply, fields));
}
