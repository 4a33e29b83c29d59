import * as xmldsig from 'xmldsigjs';
import { base64ToBytes, configureXmlSignatures, RSA_SHA256 } from '../../checks/federation/xml-signature.ts';

/**
 * Signs the root element of `xml` with an enveloped RSA-SHA256 signature over its ID (exclusive
 * c14n), as a SAML identity provider signs an assertion; the PKCS#8 key is PEM. Returns the XML.
 */
export async function signEnveloped(xml: string, privateKeyPem: string, certificateBase64?: string): Promise<string> {
  configureXmlSignatures();
  const der = base64ToBytes(privateKeyPem.replace(/-----[^-]+-----/g, ''));
  const key = await crypto.subtle.importKey('pkcs8', der, RSA_SHA256, false, ['sign']);
  const doc = xmldsig.Parse(xml);
  const id = doc.documentElement?.getAttribute('ID');
  const signed = new xmldsig.SignedXml();
  // SignedInfo in exclusive c14n too: the signed element may then be placed in any document (the
  // assertion inside a Response) without the namespaces around it changing what was signed.
  signed.XmlSignature.SignedInfo.CanonicalizationMethod.Algorithm = 'http://www.w3.org/2001/10/xml-exc-c14n#';
  await signed.Sign(RSA_SHA256 as never, key, doc, {
    references: [{ uri: `#${id}`, hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'] }],
    ...(certificateBase64 ? { x509: [certificateBase64] } : {}),
  });
  // The signed document: the ds:Signature appended to the root element it signs.
  return signed.toString();
}
