import { createRequire } from 'node:module';

// xml-crypto and xmldom are loaded untyped: their declarations pull the DOM lib into the whole
// Node-side program. These are the parts of their API used here.
interface SignedXmlVerifier {
  loadSignature(node: unknown): void;
  checkSignature(xml: string): boolean;
  getSignedReferences(): string[];
}
interface XmlDocument {
  getElementsByTagNameNS(ns: string, name: string): ArrayLike<XmlNode>;
}
interface XmlNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagNameNS(ns: string, name: string): ArrayLike<XmlNode>;
}
interface XmlLibraries {
  SignedXml: new (options: { publicCert: string }) => SignedXmlVerifier;
  DOMParser: new (options?: object) => { parseFromString(text: string, type: string): XmlDocument };
}

// Loaded on the first SAML response to verify, not with the tenant: some 90 ms of CPU at every start
// (xml-crypto and its dependencies, module by module) that most runs never use.
let libraries: XmlLibraries | undefined;
function xmlLibraries(): XmlLibraries {
  if (!libraries) {
    const require = createRequire(import.meta.url);
    libraries = {
      SignedXml: (require('xml-crypto') as Pick<XmlLibraries, 'SignedXml'>).SignedXml,
      DOMParser: (require('@xmldom/xmldom') as Pick<XmlLibraries, 'DOMParser'>).DOMParser,
    };
  }
  return libraries;
}

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const CLOCK_SKEW_MS = 60_000;

export interface VerifiedAssertion {
  nameId: string;
  email?: string;
  name?: string;
}

function parse(xml: string): XmlDocument | undefined {
  let failed = false;
  try {
    // xmldom 0.9 reports problems by level and throws on fatal ones; warnings are not failures.
    const doc = new (xmlLibraries().DOMParser)({
      onError: (level: string) => {
        if (level !== 'warning') failed = true;
      },
    }).parseFromString(xml, 'text/xml');
    return failed ? undefined : doc;
  } catch {
    return undefined;
  }
}

/** The assertion a valid signature covers, or why there is none. */
function assertionTheSignatureCovers(doc: XmlDocument, responseXml: string, certificatePem: string): XmlNode | string {
  const signature = doc.getElementsByTagNameNS(DS, 'Signature')[0];
  if (!signature) return 'The SAML response is not signed.';
  const verifier = new (xmlLibraries().SignedXml)({ publicCert: certificatePem });
  try {
    verifier.loadSignature(signature);
    if (!verifier.checkSignature(responseXml)) return 'Invalid SAML response signature.';
  } catch {
    return 'Invalid SAML response signature.';
  }
  const covered = verifier
    .getSignedReferences()
    .map((xml) => parse(xml))
    .map((signed) => signed?.getElementsByTagNameNS(SAML, 'Assertion')[0])
    .find((a): a is XmlNode => a !== undefined);
  return covered ?? 'The signature does not cover an assertion.';
}

/**
 * Verifies a SAML Response from an identity provider and reads its assertion. Only XML the
 * signature covers is read (xml-crypto's signed references), so a second, unsigned assertion
 * smuggled into the document (XML signature wrapping) is never believed. Checks the audience and
 * the validity window. Returns a sentence saying what is wrong otherwise. `checkSignature` false is
 * the saml_callback.signature_unchecked deviation only.
 */
export function verifySamlResponse(
  responseXml: string,
  certificatePem: string,
  audience: string,
  checkSignature = true,
): VerifiedAssertion | string {
  const doc = parse(responseXml);
  if (!doc) return 'SAMLResponse is not well-formed XML.';
  const signedAssertion = checkSignature
    ? assertionTheSignatureCovers(doc, responseXml, certificatePem)
    : doc.getElementsByTagNameNS(SAML, 'Assertion')[0];
  if (typeof signedAssertion === 'string') return signedAssertion;
  if (!signedAssertion) return 'The response carries no assertion.';
  const first = (name: string) => signedAssertion.getElementsByTagNameNS(SAML, name)[0];
  const audiences = Array.from(signedAssertion.getElementsByTagNameNS(SAML, 'Audience')).map((a) => a.textContent);
  if (!audiences.includes(audience)) return `Audience mismatch: expected ${audience}.`;
  const conditions = first('Conditions');
  const now = Date.now();
  const notBefore = conditions?.getAttribute('NotBefore');
  const notOnOrAfter = conditions?.getAttribute('NotOnOrAfter');
  if (notBefore && Date.parse(notBefore) > now + CLOCK_SKEW_MS) return 'The SAML assertion is not yet valid.';
  if (notOnOrAfter && Date.parse(notOnOrAfter) <= now - CLOCK_SKEW_MS) return 'The SAML assertion has expired.';
  const nameId = first('NameID')?.textContent?.trim();
  if (!nameId) return 'The SAML assertion has no NameID.';
  const attribute = (suffix: string) =>
    Array.from(signedAssertion.getElementsByTagNameNS(SAML, 'Attribute'))
      .find((a) => (a.getAttribute('Name') ?? '').endsWith(suffix))
      ?.getElementsByTagNameNS(SAML, 'AttributeValue')[0]?.textContent ?? undefined;
  const email = attribute('emailaddress') ?? (nameId.includes('@') ? nameId : undefined);
  return { nameId, email, name: attribute('/name') };
}
