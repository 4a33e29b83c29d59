import { createHash, sign } from 'node:crypto';
import type { SigningKey } from '../signing-keys.ts';
import { xml } from './canonical-xml.ts';

const DS = 'http://www.w3.org/2000/09/xmldsig#';

/**
 * An enveloped XML-DSig signature (RSA-SHA256, SHA-256 digest, exclusive c14n) over the element
 * with the given ID, as Auth0 signs SAML assertions. `canonicalElement` is that element without its
 * signature, written by canonical-xml.ts; the returned `<ds:Signature>` goes inside it.
 */
export function envelopedSignature(canonicalElement: string, id: string, key: SigningKey): string {
  const digest = createHash('sha256').update(canonicalElement).digest('base64');
  const algorithm = (name: string, uri: string) => xml({ name, attributes: { Algorithm: uri } });
  const signedInfo = xml({
    name: 'ds:SignedInfo',
    namespaces: { ds: DS },
    children: [
      algorithm('ds:CanonicalizationMethod', 'http://www.w3.org/2001/10/xml-exc-c14n#'),
      algorithm('ds:SignatureMethod', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'),
      xml({
        name: 'ds:Reference',
        attributes: { URI: `#${id}` },
        children: [
          xml({
            name: 'ds:Transforms',
            children: [
              algorithm('ds:Transform', 'http://www.w3.org/2000/09/xmldsig#enveloped-signature'),
              algorithm('ds:Transform', 'http://www.w3.org/2001/10/xml-exc-c14n#'),
            ],
          }),
          algorithm('ds:DigestMethod', 'http://www.w3.org/2001/04/xmlenc#sha256'),
          xml({ name: 'ds:DigestValue', children: digest }),
        ],
      }),
    ],
  });
  const signatureValue = sign('sha256', Buffer.from(signedInfo), key.privateKey).toString('base64');
  // Inside ds:Signature the ds namespace is declared by the parent, so SignedInfo is written without it.
  const innerSignedInfo = signedInfo.replace(` xmlns:ds="${DS}"`, '');
  const keyInfo = xml({
    name: 'ds:KeyInfo',
    children: [
      xml({
        name: 'ds:X509Data',
        children: [xml({ name: 'ds:X509Certificate', children: (key.publicJwk.x5c as string[])[0] })],
      }),
    ],
  });
  return xml({
    name: 'ds:Signature',
    namespaces: { ds: DS },
    children: [innerSignedInfo, xml({ name: 'ds:SignatureValue', children: signatureValue }), keyInfo],
  });
}
