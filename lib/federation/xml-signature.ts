import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import * as xmldsig from 'xmldsigjs';
import { setNodeDependencies } from 'xml-core';
import * as xpath from 'xpath';

// XML-DSig with xmldsigjs (PeculiarVentures): canonicalisation and digests in JavaScript, RSA through
// WebCrypto (crypto.subtle), which k6 and Node both provide; the DOM is @xmldom/xmldom's. Nothing
// here needs a Node built-in, so it runs in the k6 bundle.

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

/** The parts of the DOM this code reads (xmldom's nodes; the k6 type library has no DOM). */
export interface XmlElement {
  localName: string;
  namespaceURI: string | null;
  textContent: string | null;
  parentNode: XmlElement | null;
  childNodes: ArrayLike<XmlElement & { nodeType: number }>;
  getAttribute(name: string): string | null;
  getElementsByTagNameNS(ns: string, name: string): ArrayLike<XmlElement>;
}
export interface XmlDocument {
  documentElement: XmlElement | null;
  getElementsByTagNameNS(ns: string, name: string): ArrayLike<XmlElement>;
}

let configured = false;
function configure(): void {
  if (configured) return;
  setNodeDependencies({ DOMParser, XMLSerializer, xpath });
  xmldsig.Application.setEngine('WebCrypto', crypto as never);
  configured = true;
}

/** Parses XML; a sentence saying why when it is not well-formed. */
export function parseXml(text: string): XmlDocument | string {
  try {
    let problem: string | undefined;
    const doc = new DOMParser({
      onError: (level: string, message: string) => {
        if (level !== 'warning') problem ??= message;
      },
    }).parseFromString(text, 'text/xml') as unknown as XmlDocument;
    return problem ? `not well-formed XML: ${problem}` : doc;
  } catch (error) {
    return `not well-formed XML: ${(error as Error).message}`;
  }
}

/** The element's own child elements with the given namespace and local name. */
export function childElements(parent: XmlElement, ns: string, localName: string): XmlElement[] {
  return Array.from(parent.childNodes).filter(
    (n) => n.nodeType === 1 && n.namespaceURI === ns && n.localName === localName,
  );
}

const base64ToBytes = (base64: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(base64.replace(/\s+/g, '')), (c) => c.charCodeAt(0));

/** The RSA public key of a base64 DER certificate (a metadata document's X509Certificate). */
async function certificateKey(certificateBase64: string): Promise<CryptoKey> {
  const certificate = new xmldsig.X509Certificate(base64ToBytes(certificateBase64));
  return certificate.exportKey(RSA_SHA256 as never);
}

/**
 * Verifies the enveloped signature of `element` (its own ds:Signature child, referring to its ID)
 * with the certificate's key. Only a signature over the very element that is then read counts, so
 * a second, unsigned element smuggled beside a signed one (XML signature wrapping) is never
 * believed. Returns a sentence saying what is wrong, or undefined when the signature holds.
 */
export async function envelopedSignatureProblem(
  doc: XmlDocument,
  element: XmlElement,
  certificateBase64: string,
): Promise<string | undefined> {
  configure();
  const [signature] = childElements(element, DSIG_NS, 'Signature');
  if (!signature) return `the ${element.localName} carries no enveloped ds:Signature`;
  const id = element.getAttribute('ID');
  const references = Array.from(signature.getElementsByTagNameNS(DSIG_NS, 'Reference'));
  if (!id || references.length !== 1 || references[0].getAttribute('URI') !== `#${id}`)
    return `the signature does not refer to the ${element.localName} it is in (ID ${JSON.stringify(id)})`;
  try {
    const signed = new xmldsig.SignedXml(doc as never);
    signed.LoadXml(signature as never);
    const valid = await signed.Verify(await certificateKey(certificateBase64));
    return valid ? undefined : 'the signature value does not verify with the certificate';
  } catch (error) {
    return `the signature does not verify: ${(error as Error).message}`;
  }
}

/**
 * Signs the root element of `xml` with an enveloped RSA-SHA256 signature over its ID (exclusive
 * c14n), as a SAML identity provider signs an assertion; the PKCS#8 key is PEM. Returns the XML.
 */
export async function signEnveloped(xml: string, privateKeyPem: string, certificateBase64?: string): Promise<string> {
  configure();
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
