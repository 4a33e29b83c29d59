import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import * as xmldsig from 'xmldsigjs';
import { setNodeDependencies } from 'xml-core';

// XML-DSig with xmldsigjs (PeculiarVentures): canonicalisation and digests in JavaScript, RSA through
// WebCrypto (crypto.subtle), which k6 and Node both provide; the DOM is @xmldom/xmldom's. Nothing
// here needs a Node built-in, so it runs in the k6 bundle.

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

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
/** Points xmldsigjs at xmldom and at WebCrypto, once. */
export function configureXmlSignatures(): void {
  if (configured) return;
  // No xpath: it serves only the XPath transform, which SAML and WS-Fed signatures do not use (and
  // whose typings would pull the DOM library into the Node-side program).
  setNodeDependencies({ DOMParser, XMLSerializer });
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
function childElements(parent: XmlElement, ns: string, localName: string): XmlElement[] {
  return Array.from(parent.childNodes).filter(
    (n) => n.nodeType === 1 && n.namespaceURI === ns && n.localName === localName,
  );
}

export const base64ToBytes = (base64: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(base64.replace(/\s+/g, '')), (c) => c.charCodeAt(0));

/** The RSA public key of a base64 DER certificate (a metadata document's X509Certificate). */
async function certificateKey(certificateBase64: string) {
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
  configureXmlSignatures();
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
