import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { defineCheck, describeValue, expectThat, fail, pass, type Check } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { OASIS } from '../references.ts';

// SAML 2.0 IdP metadata (/samlp/metadata/{client_id}) and WS-Federation metadata
// (/wsfed/FederationMetadata/2007-06/FederationMetadata.xml): both are an md:EntityDescriptor with
// an entityID, a signing certificate and the endpoints a relying party needs (SAML-Metadata-2.3,
// WS-Federation-1.2 §3.1). Parsed with fast-xml-parser: no Node built-ins, so it runs in k6 too.

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

function parse(body: string): XmlNode | string {
  const valid = XMLValidator.validate(body);
  if (valid !== true) return `not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`;
  return parser.parse(body) as XmlNode;
}

/** Every element named `name` anywhere under `node`, depth first. */
function findAll(node: unknown, name: string, out: XmlNode[] = []): XmlNode[] {
  if (Array.isArray(node)) for (const child of node) findAll(child, name, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as XmlNode)) {
      // A leaf element parses to its text, an element with attributes or children to an object.
      if (key === name && Array.isArray(value))
        out.push(...(value.map((v) => (typeof v === 'object' ? v : { '#text': v })) as XmlNode[]));
      if (!key.startsWith('@')) findAll(value, name, out);
    }
  }
  return out;
}

const text = (node: XmlNode): string => String((node as { '#text'?: unknown })['#text'] ?? '').trim();

function entityDescriptor(doc: XmlNode): XmlNode | undefined {
  const roots = (doc.EntityDescriptor as XmlNode[] | undefined) ?? [];
  return roots[0];
}

function isCertificate(base64: string): boolean {
  try {
    const der = atob(base64.replace(/\s+/g, ''));
    return der.length > 100 && der.charCodeAt(0) === 0x30; // a DER SEQUENCE of plausible size
  } catch {
    return false;
  }
}

/** The ids of one document's four checks, written out. */
interface MetadataCheckIds {
  wellFormed: string;
  entityId: string;
  signingCertificate: string;
  endpoints: string;
}

function metadataCheck(
  id: string,
  title: string,
  ref: string,
  run: (root: XmlNode) => ReturnType<typeof pass>,
): Check<Exchange> {
  return defineCheck({
    id,
    ref,
    severity: 'failure',
    title,
    run: ({ response }) => {
      const doc = parse(response.body);
      if (typeof doc === 'string') return fail(doc);
      const root = entityDescriptor(doc);
      if (!root)
        return fail(`expected an EntityDescriptor root element, got ${describeValue(response.body.slice(0, 80))}`);
      return run(root);
    },
  });
}

function metadataChecks(
  ids: MetadataCheckIds,
  ref: string,
  endpoint: { element: string; describe: string; locate: (n: XmlNode) => string },
): Check<Exchange>[] {
  return [
    metadataCheck(ids.wellFormed, 'The metadata is well-formed XML rooted at an EntityDescriptor.', ref, () => pass()),
    metadataCheck(ids.entityId, 'The EntityDescriptor has a non-empty entityID.', ref, (root) => {
      const id = (root['@entityID'] as string | undefined) ?? '';
      return expectThat(id.trim().length > 0, () => 'the EntityDescriptor has no entityID');
    }),
    metadataCheck(
      ids.signingCertificate,
      'A KeyDescriptor publishes a base64 DER X.509 signing certificate.',
      ref,
      (root) => {
        const keys = findAll(root, 'KeyDescriptor').filter((k) => (k['@use'] ?? 'signing') === 'signing');
        const certs = keys.flatMap((k) => findAll(k, 'X509Certificate')).map(text);
        if (certs.length === 0) return fail('no KeyDescriptor carries an X509Certificate for signing');
        return expectThat(certs.every(isCertificate), () => 'an X509Certificate is not a base64 DER certificate');
      },
    ),
    metadataCheck(ids.endpoints, `The metadata names ${endpoint.describe}.`, ref, (root) => {
      const locations = findAll(root, endpoint.element).map(endpoint.locate);
      if (locations.length === 0) return fail(`no ${endpoint.element} element`);
      return expectThat(
        locations.every((l) => /^https?:\/\//.test(l)),
        () => `expected absolute URLs, got ${describeValue(locations)}`,
      );
    }),
  ];
}

// SAML V2.0 Metadata §2.4.3: the IdP's SSO endpoints; docs/auth0-api.md §1.1.
export const samlMetadataChecks = metadataChecks(
  {
    wellFormed: 'saml_metadata.xml.well_formed_entity_descriptor',
    entityId: 'saml_metadata.entity_id.present',
    signingCertificate: 'saml_metadata.signing_certificate.present',
    endpoints: 'saml_metadata.endpoints.present',
  },
  OASIS.samlMetadata,
  {
    element: 'SingleSignOnService',
    describe: 'its SingleSignOnService endpoints, each with a Location URL',
    locate: (n) => String(n['@Location'] ?? ''),
  },
);

// WS-Federation 1.2 §3.1 puts the sign-in URL in fed:PassiveRequestorEndpoint/wsa:EndpointReference/
// wsa:Address; docs/auth0-api.md §1.1.
export const wsfedMetadataChecks = metadataChecks(
  {
    wellFormed: 'wsfed_metadata.xml.well_formed_entity_descriptor',
    entityId: 'wsfed_metadata.entity_id.present',
    signingCertificate: 'wsfed_metadata.signing_certificate.present',
    endpoints: 'wsfed_metadata.endpoints.present',
  },
  OASIS.wsFederation,
  {
    element: 'PassiveRequestorEndpoint',
    describe: 'a PassiveRequestorEndpoint address URL',
    locate: (n) => findAll(n, 'Address').map(text)[0] ?? '',
  },
);
