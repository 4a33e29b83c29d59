import { randomBytes } from 'node:crypto';
import type { SigningKey } from '../signing-keys.ts';
import type { TenantUser } from '../user-directory.ts';
import { xml } from './canonical-xml.ts';
import { envelopedSignature } from './xml-signature.ts';

export const SAML_ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const CLAIMS = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
/** Auth0's default SAML assertion lifetime: 3600 s. */
const LIFETIME_S = 3600;

export interface AssertionRequest {
  issuer: string;
  audience: string;
  recipient: string;
  inResponseTo?: string;
  user: TenantUser;
  sessionIndex: string;
  authTime: number;
}

/** The assertion with its NameID changed after signing: what a tampered or badly signed one looks like. */
export const alterSignedContent = (assertion: string): string =>
  assertion.replace(/(<saml:NameID[^>]*>)/, '$1altered-');

export const samlId = (): string => `_${randomBytes(16).toString('hex')}`;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A signed SAML 2.0 assertion as Auth0's SAML2 add-on issues it: NameID (email when the user has
 * one), bearer subject confirmation, audience restriction, authn statement and the ws-identity claims
 * (nameidentifier, emailaddress, name). The signature is enveloped in the assertion, after Issuer.
 */
export function signedAssertion(request: AssertionRequest, key: SigningKey): string {
  const id = samlId();
  const now = Math.floor(Date.now() / 1000);
  const { user } = request;
  const nameId = user.email
    ? xml({
        name: 'saml:NameID',
        attributes: { Format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' },
        children: user.email,
      })
    : xml({
        name: 'saml:NameID',
        attributes: { Format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' },
        children: user.userId,
      });
  const attribute = (name: string, value: string | undefined) =>
    value === undefined
      ? ''
      : xml({
          name: 'saml:Attribute',
          attributes: { Name: `${CLAIMS}/${name}`, NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri' },
          children: [xml({ name: 'saml:AttributeValue', children: value })],
        });
  const body = [
    xml({
      name: 'saml:Subject',
      children: [
        nameId,
        xml({
          name: 'saml:SubjectConfirmation',
          attributes: { Method: 'urn:oasis:names:tc:SAML:2.0:cm:bearer' },
          children: [
            xml({
              name: 'saml:SubjectConfirmationData',
              attributes: {
                InResponseTo: request.inResponseTo,
                NotOnOrAfter: iso(now + LIFETIME_S),
                Recipient: request.recipient,
              },
            }),
          ],
        }),
      ],
    }),
    xml({
      name: 'saml:Conditions',
      attributes: { NotBefore: iso(now - 60), NotOnOrAfter: iso(now + LIFETIME_S) },
      children: [
        xml({
          name: 'saml:AudienceRestriction',
          children: [xml({ name: 'saml:Audience', children: request.audience })],
        }),
      ],
    }),
    xml({
      name: 'saml:AttributeStatement',
      children: [
        attribute('nameidentifier', user.userId),
        attribute('emailaddress', user.email),
        attribute('name', user.name),
      ],
    }),
    xml({
      name: 'saml:AuthnStatement',
      attributes: { AuthnInstant: iso(request.authTime), SessionIndex: request.sessionIndex },
      children: [
        xml({
          name: 'saml:AuthnContext',
          children: [
            xml({ name: 'saml:AuthnContextClassRef', children: 'urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified' }),
          ],
        }),
      ],
    }),
  ];
  const issuer = xml({ name: 'saml:Issuer', children: request.issuer });
  const element = (children: string[]) =>
    xml({
      name: 'saml:Assertion',
      namespaces: { saml: SAML_ASSERTION_NS },
      attributes: { ID: id, IssueInstant: iso(now), Version: '2.0' },
      children,
    });
  const unsigned = element([issuer, ...body]);
  return element([issuer, envelopedSignature(unsigned, id, key), ...body]);
}
