import { redirectChecks } from '../../checks/http/redirect.ts';
import { samlCallbackRefusalChecks, samlLogoutPageChecks } from '../../checks/federation/federation-statuses.ts';
import {
  samlLogoutChecks,
  samlResponseChecks,
  wsfedResponseChecks,
} from '../../checks/federation/federation-checks.ts';
import { parseXml } from '../../checks/federation/xml-signature.ts';
import { federationPost, followToRelyingParty, metadataCertificate } from '../federation/relying-party-post.ts';
import {
  ASSERTION_NS,
  authnRequest,
  base64Xml,
  deflatedBase64Xml,
  idpAssertion,
  idpResponse,
  logoutRequest,
  samlMessageId,
  xmlOfBase64,
} from '../federation/saml-messages.ts';
import { signEnveloped } from '../federation/sign-xml.ts';
import { formEncode } from '../form-encoding.ts';
import { notOffered, recordChecks, recordSkip } from '../record-checks.ts';
import type { CheckCell } from '../k6-and-node/result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import type { FlowContext } from './flow-context.ts';

// SAML 2.0 and WS-Federation with the tenant as identity provider (SP-initiated, through the login
// page, and single logout), and as service provider (IdP-initiated SSO at /login/callback).
// docs/auth0-api.md §1.1.

const SAML_LOGIN: CheckCell = { endpoint: 'GET /samlp/{client_id}', credential: 'none' };
const SAML_LOGOUT: CheckCell = { endpoint: 'POST /samlp/{client_id}/logout', credential: 'none' };
const WSFED_LOGIN: CheckCell = { endpoint: 'GET /wsfed/{client_id}', credential: 'none' };
const SAML_CALLBACK: CheckCell = { endpoint: 'POST /login/callback', credential: 'none' };

const random = (): string => crypto.randomUUID().replace(/-/g, '');
const samlResponseXml = (fields: Record<string, string>) =>
  fields.SAMLResponse ? xmlOfBase64(fields.SAMLResponse) : undefined;

/**
 * SP-initiated SAML: an AuthnRequest by the HTTP-Redirect binding, the login page, and the signed
 * SAMLResponse posted to the ACS URL, verified against the application's SAML metadata certificate;
 * then single logout of that session by a LogoutRequest.
 */
export async function samlSignIn(ctx: FlowContext): Promise<void> {
  const app = ctx.config.federation.saml;
  const user = ctx.config.users.plain;
  if (!app || !user) {
    const why = 'SAML needs federation.saml (an application with the SAML2 add-on) and users.plain';
    for (const cell of [SAML_LOGIN, SAML_LOGOUT]) recordSkip(cell, why);
    return;
  }
  const base = `${ctx.config.baseUrl}/samlp/${encodeURIComponent(app.clientId)}`;
  const certificate = await metadataCertificate(
    `${ctx.config.baseUrl}/samlp/metadata/${encodeURIComponent(app.clientId)}`,
    'GET /samlp/metadata/{client_id}',
  );
  const requestId = samlMessageId();
  const relayState = random();
  const request = authnRequest({ id: requestId, issuer: app.entityId, acsUrl: app.acsUrl, destination: base });
  const start = await sendRequest({
    ...SAML_LOGIN,
    method: 'GET',
    url: `${base}?${formEncode({ SAMLRequest: deflatedBase64Xml(request), RelayState: relayState })}`,
    expectedStatuses: [200, 302],
  });
  if (notOffered(SAML_LOGIN, start))
    return recordSkip(SAML_LOGOUT, 'the target offers no SP-initiated SAML to log out of');
  const page = await followToRelyingParty(start, app.acsUrl, user);
  const post = federationPost(page, samlResponseXml, certificate, {
    destination: app.acsUrl,
    audience: app.entityId,
    inResponseTo: requestId,
    context: relayState,
  });
  await recordChecks(SAML_LOGIN, samlResponseChecks, post, page, 'SP-initiated SAML login');

  const doc = post.xml ? parseXml(post.xml) : 'no SAMLResponse';
  if (typeof doc === 'string') return recordSkip(SAML_LOGOUT, `no SAML session to log out of: ${doc}`);
  const nameId = doc.getElementsByTagNameNS(ASSERTION_NS, 'NameID')[0]?.textContent ?? user.username;
  const sessionIndex = doc.getElementsByTagNameNS(ASSERTION_NS, 'AuthnStatement')[0]?.getAttribute('SessionIndex');
  const logoutId = samlMessageId();
  const logoutUrl = `${base}/logout`;
  const logout = await sendRequest({
    ...SAML_LOGOUT,
    method: 'POST',
    url: logoutUrl,
    form: {
      SAMLRequest: base64Xml(
        logoutRequest({
          id: logoutId,
          issuer: app.entityId,
          destination: logoutUrl,
          nameId,
          sessionIndex: sessionIndex ?? undefined,
        }),
      ),
      RelayState: relayState,
    },
    expectedStatuses: [200],
  });
  if (notOffered(SAML_LOGOUT, logout)) return;
  await recordChecks(SAML_LOGOUT, samlLogoutPageChecks, logout, logout, 'SAML single logout');
  const destination = app.logoutUrl ?? app.acsUrl;
  const answered = federationPost(logout, samlResponseXml, {}, { destination, inResponseTo: logoutId });
  await recordChecks(SAML_LOGOUT, samlLogoutChecks, answered, logout, 'SAML single logout');
}

/** WS-Federation passive sign-in: wsignin1.0 with a signed assertion in the RSTR, posted to wreply. */
export async function wsfedSignIn(ctx: FlowContext): Promise<void> {
  const app = ctx.config.federation.wsfed;
  const user = ctx.config.users.plain;
  if (!app || !user) return recordSkip(WSFED_LOGIN, 'WS-Federation needs federation.wsfed and users.plain');
  const certificate = await metadataCertificate(
    `${ctx.config.baseUrl}/wsfed/FederationMetadata/2007-06/FederationMetadata.xml`,
    'GET /wsfed/FederationMetadata/2007-06/FederationMetadata.xml',
  );
  const realm = app.realm ?? `urn:${app.clientId}`;
  const wctx = random();
  const start = await sendRequest({
    ...WSFED_LOGIN,
    method: 'GET',
    url: `${ctx.config.baseUrl}/wsfed/${encodeURIComponent(app.clientId)}?${formEncode({ wtrealm: realm, wreply: app.reply, wctx })}`,
    expectedStatuses: [200, 302],
  });
  if (notOffered(WSFED_LOGIN, start)) return;
  const page = await followToRelyingParty(start, app.reply, user);
  const post = federationPost(page, (fields) => fields.wresult, certificate, {
    destination: app.reply,
    audience: realm,
    context: wctx,
  });
  await recordChecks(WSFED_LOGIN, wsfedResponseChecks, post, page, 'WS-Federation sign-in');
}

/**
 * IdP-initiated SAML: the harness, as the connection's identity provider, posts a signed response to
 * /login/callback and the user lands in the configured application with a code; a response whose
 * signature does not verify is refused.
 */
export async function samlIdpInitiated(ctx: FlowContext): Promise<void> {
  const idp = ctx.config.federation.identityProvider;
  if (!idp)
    return recordSkip(
      SAML_CALLBACK,
      'IdP-initiated SAML needs federation.identityProvider (a SAML connection whose key the harness holds)',
    );
  const callback = `${ctx.config.baseUrl}/login/callback`;
  const assertion = idpAssertion({
    issuer: idp.issuer,
    audience: idp.spEntityId,
    recipient: callback,
    email: `idp-initiated-${random().slice(0, 8)}@idp.harness.invalid`,
  });
  const signed = await signEnveloped(assertion, idp.privateKeyPem, idp.certificate);
  const post = (signedAssertion: string, expectedStatuses: number[]) =>
    sendRequest({
      ...SAML_CALLBACK,
      method: 'POST',
      url: `${callback}?${formEncode({ connection: idp.connection })}`,
      form: { SAMLResponse: base64Xml(idpResponse({ issuer: idp.issuer, destination: callback, signedAssertion })) },
      expectedStatuses,
    });
  const landed = await post(signed, [302]);
  if (notOffered(SAML_CALLBACK, landed)) return;
  landed.expect = { redirectUri: idp.landingUrl, responseMode: 'query', redirectParams: ['code'] };
  await recordChecks(SAML_CALLBACK, redirectChecks, landed, landed, 'IdP-initiated SAML login');
  // The same assertion with its NameID changed after signing: the signature no longer holds.
  const tampered = signed.replace(/(<saml:NameID[^>]*>)/, '$1tampered-');
  const refused = await post(tampered, [400]);
  await recordChecks(
    SAML_CALLBACK,
    samlCallbackRefusalChecks,
    refused,
    refused,
    'IdP-initiated SAML with a broken signature',
  );
}
