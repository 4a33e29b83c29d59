// What a SAML or WS-Federation round trip leaves to check: the page that auto-posts the tenant's
// answer to the relying party, the XML it carries, and the metadata's signing certificate.

export interface FederationPost {
  /** The status of the page that should auto-post to the relying party. */
  status: number;
  /** Its form: where it posts, and its fields (entity-decoded). */
  form?: { action: string; fields: Record<string, string> };
  /** The XML the post carries: the SAMLResponse decoded, or wresult as it is. */
  xml?: string;
  /** The signing certificate (base64 DER) of the tenant's metadata document. */
  certificate?: string;
  /** Why there is no certificate (the metadata could not be read), when there is none. */
  certificateMissing?: string;
  expect: {
    /** Where the form must post: the ACS URL, wreply, or the SP's logout URL. */
    destination: string;
    /** The SP's entity id (SAML) or wtrealm (WS-Fed) the assertion must be addressed to. */
    audience?: string;
    /** The ID of the request this answers. */
    inResponseTo?: string;
    /** RelayState or wctx, to be echoed. */
    context?: string;
  };
}
