import { deflateSync } from 'fflate';

// The SAML 2.0 messages the harness sends as a service provider (AuthnRequest, LogoutRequest) and
// as an identity provider (an unsigned Response around an assertion), and the HTTP-Redirect
// binding's encoding. SAML 2.0 Core §3.4.1, §3.7.1, §3.2.2; Bindings §3.4.4.1.

const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';

const escapeXml = (value: string): string =>
  value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
const now = (offsetS = 0): string => new Date(Date.now() + offsetS * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A SAML ID: an NCName, so it starts with an underscore. */
export const samlMessageId = (): string => `_${crypto.randomUUID().replace(/-/g, '')}`;

const bytesToBase64 = (bytes: Uint8Array): string => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));

/** base64 of the UTF-8 text: the POST binding's encoding. */
export const base64Xml = (xml: string): string => bytesToBase64(new TextEncoder().encode(xml));

/** Raw DEFLATE, then base64: the HTTP-Redirect binding's encoding of a message. */
export const deflatedBase64Xml = (xml: string): string => bytesToBase64(deflateSync(new TextEncoder().encode(xml)));

/** The text of a base64 (POST binding) message. */
export function xmlOfBase64(encoded: string): string {
  const binary = atob(encoded.replace(/\s+/g, ''));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function authnRequest(spec: { id: string; issuer: string; acsUrl: string; destination: string }): string {
  return (
    `<samlp:AuthnRequest xmlns:samlp="${PROTOCOL_NS}" xmlns:saml="${ASSERTION_NS}" ID="${spec.id}" Version="2.0"` +
    ` IssueInstant="${now()}" Destination="${escapeXml(spec.destination)}"` +
    ` ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" AssertionConsumerServiceURL="${escapeXml(spec.acsUrl)}">` +
    `<saml:Issuer>${escapeXml(spec.issuer)}</saml:Issuer></samlp:AuthnRequest>`
  );
}

export function logoutRequest(spec: {
  id: string;
  issuer: string;
  destination: string;
  nameId: string;
  sessionIndex?: string;
}): string {
  return (
    `<samlp:LogoutRequest xmlns:samlp="${PROTOCOL_NS}" xmlns:saml="${ASSERTION_NS}" ID="${spec.id}" Version="2.0"` +
    ` IssueInstant="${now()}" Destination="${escapeXml(spec.destination)}">` +
    `<saml:Issuer>${escapeXml(spec.issuer)}</saml:Issuer><saml:NameID>${escapeXml(spec.nameId)}</saml:NameID>` +
    (spec.sessionIndex ? `<samlp:SessionIndex>${escapeXml(spec.sessionIndex)}</samlp:SessionIndex>` : '') +
    `</samlp:LogoutRequest>`
  );
}

/** An identity provider's assertion about `email`, unsigned (signEnveloped signs it). */
export function idpAssertion(spec: { issuer: string; audience: string; recipient: string; email: string }): string {
  const id = samlMessageId();
  return (
    `<saml:Assertion xmlns:saml="${ASSERTION_NS}" ID="${id}" Version="2.0" IssueInstant="${now()}">` +
    `<saml:Issuer>${escapeXml(spec.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${escapeXml(spec.email)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData` +
    ` NotOnOrAfter="${now(300)}" Recipient="${escapeXml(spec.recipient)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${now(-60)}" NotOnOrAfter="${now(300)}"><saml:AudienceRestriction>` +
    `<saml:Audience>${escapeXml(spec.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${now()}"><saml:AuthnContext><saml:AuthnContextClassRef>` +
    `urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement></saml:Assertion>`
  );
}

/** An unsolicited Response (IdP-initiated SSO) around a signed assertion. */
export function idpResponse(spec: { issuer: string; destination: string; signedAssertion: string }): string {
  return (
    `<samlp:Response xmlns:samlp="${PROTOCOL_NS}" ID="${samlMessageId()}" Version="2.0" IssueInstant="${now()}"` +
    ` Destination="${escapeXml(spec.destination)}"><saml:Issuer xmlns:saml="${ASSERTION_NS}">${escapeXml(spec.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `${spec.signedAssertion.replace(/^<\?xml[^>]*>/, '')}</samlp:Response>`
  );
}
