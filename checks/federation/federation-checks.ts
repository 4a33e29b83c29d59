import { defineCheck, describeValue, expectThat, fail, notRun, pass, type Check, type CheckOutcome } from '../check.ts';
import { AUTH0, OASIS } from '../references.ts';
import type { FederationPost } from './federation-post.ts';
import { envelopedSignatureProblem, parseXml, type XmlDocument, type XmlElement } from './xml-signature.ts';

// The tenant as SAML 2.0 and WS-Federation identity provider (docs/auth0-api.md §1.1): what it
// posts back through the browser after a login, and after SAML single logout. SAML 2.0 Core §3.2.2
// (StatusCode, InResponseTo), §2.5.1.4 (Audience); WS-Federation 1.2 §13 (wsignin1.0, wresult).

const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

type Rule = (doc: XmlDocument, post: FederationPost) => CheckOutcome | Promise<CheckOutcome>;

function xmlCheck(id: string, ref: string, title: string, rule: Rule): Check<FederationPost> {
  return defineCheck({
    id,
    ref,
    severity: 'failure',
    title,
    run: (post) => {
      if (post.xml === undefined) return fail(`no message was posted (the page answered ${post.status})`);
      const doc = parseXml(post.xml);
      return typeof doc === 'string' ? fail(doc) : rule(doc, post);
    },
  });
}

const first = (doc: XmlDocument | XmlElement, ns: string, name: string): XmlElement | undefined =>
  doc.getElementsByTagNameNS(ns, name)[0];

function formCheck(id: string, ref: string, title: string, fields: (post: FederationPost) => string[]) {
  return defineCheck<FederationPost>({
    id,
    ref,
    severity: 'failure',
    title,
    run: (post) => {
      if (!post.form)
        return fail(`expected a page that posts to the relying party, got status ${post.status} without a form`);
      if (post.form.action !== post.expect.destination)
        return fail(
          `the form posts to ${describeValue(post.form.action)}, not ${describeValue(post.expect.destination)}`,
        );
      const problems = fields(post);
      return expectThat(problems.length === 0, () => problems.join('; '));
    },
  });
}

const echoed = (post: FederationPost, field: string): string[] =>
  post.expect.context !== undefined && post.form?.fields[field] !== post.expect.context
    ? [`${field} is ${describeValue(post.form?.fields[field])}, not the ${describeValue(post.expect.context)} sent`]
    : [];

/** The signature of the (first) assertion, checked against the metadata's certificate. */
function assertionSignature(id: string, ref: string): Check<FederationPost> {
  return xmlCheck(
    id,
    ref,
    "The assertion carries an enveloped signature over itself that verifies with the metadata's signing certificate.",
    async (doc, post) => {
      if (!post.certificate) return notRun(post.certificateMissing ?? 'no signing certificate to verify with');
      const assertion = first(doc, ASSERTION_NS, 'Assertion');
      if (!assertion) return fail('the message carries no saml:Assertion');
      const problem = await envelopedSignatureProblem(doc, assertion, post.certificate);
      return problem ? fail(problem) : pass();
    },
  );
}

const statusIsSuccess = (id: string, ref: string, root: string) =>
  xmlCheck(id, ref, `The ${root}'s StatusCode is Success.`, (doc) => {
    const code = first(doc, PROTOCOL_NS, 'StatusCode')?.getAttribute('Value');
    return expectThat(code === SUCCESS, () => `expected StatusCode ${SUCCESS}, got ${describeValue(code)}`);
  });

const answersTheRequest = (id: string, ref: string, root: string) =>
  xmlCheck(id, ref, `The ${root} answers the request sent: InResponseTo is its ID.`, (doc, post) => {
    if (!post.expect.inResponseTo) return notRun('no request ID to compare with');
    const seen = doc.documentElement?.getAttribute('InResponseTo');
    return expectThat(
      seen === post.expect.inResponseTo,
      () => `expected InResponseTo ${describeValue(post.expect.inResponseTo)}, got ${describeValue(seen)}`,
    );
  });

export const samlResponseChecks = [
  formCheck(
    'saml_response.form.posts_to_acs_url',
    AUTH0.samlLogin,
    "The login ends in a page that posts a SAMLResponse to the application's ACS URL, with RelayState echoed.",
    (post) => [
      ...(post.form?.fields.SAMLResponse ? [] : ['the form has no SAMLResponse']),
      ...echoed(post, 'RelayState'),
    ],
  ),
  statusIsSuccess('saml_response.status_code.is_success', OASIS.samlCore, 'Response'),
  answersTheRequest('saml_response.in_response_to.matches_request', OASIS.samlCore, 'Response'),
  xmlCheck(
    'saml_response.audience.is_sp_entity_id',
    OASIS.samlCore,
    "The assertion's Audience is the application's entity id.",
    (doc, post) => {
      const audiences = Array.from(doc.getElementsByTagNameNS(ASSERTION_NS, 'Audience')).map((a) =>
        a.textContent?.trim(),
      );
      return expectThat(
        audiences.includes(post.expect.audience),
        () => `expected Audience ${describeValue(post.expect.audience)}, got ${describeValue(audiences)}`,
      );
    },
  ),
  assertionSignature('saml_response.signature.valid_against_metadata_certificate', AUTH0.samlLogin),
];

export const wsfedResponseChecks = [
  formCheck(
    'wsfed_response.form.posts_wsignin_to_wreply',
    AUTH0.wsfedLogin,
    'The sign-in ends in a page that posts wa=wsignin1.0 and a wresult to wreply, with wctx echoed.',
    (post) => [
      ...(post.form?.fields.wa === 'wsignin1.0'
        ? []
        : [`wa is ${describeValue(post.form?.fields.wa)}, not "wsignin1.0"`]),
      ...(post.form?.fields.wresult ? [] : ['the form has no wresult']),
      ...echoed(post, 'wctx'),
    ],
  ),
  xmlCheck(
    'wsfed_response.applies_to.is_realm',
    OASIS.wsFederation,
    'The RequestSecurityTokenResponse applies to the realm (wtrealm) asked for.',
    (doc, post) => {
      const address = first(doc, 'http://www.w3.org/2005/08/addressing', 'Address')?.textContent?.trim();
      return expectThat(
        address === post.expect.audience,
        () => `expected AppliesTo ${describeValue(post.expect.audience)}, got ${describeValue(address)}`,
      );
    },
  ),
  assertionSignature('wsfed_response.signature.valid_against_metadata_certificate', AUTH0.wsfedLogin),
];

export const samlLogoutChecks = [
  formCheck(
    'saml_logout.form.posts_to_logout_url',
    AUTH0.samlLogout,
    "Single logout ends in a page that posts a SAMLResponse to the application's logout URL.",
    (post) => (post.form?.fields.SAMLResponse ? [] : ['the form has no SAMLResponse']),
  ),
  statusIsSuccess('saml_logout.status_code.is_success', OASIS.samlCore, 'LogoutResponse'),
  answersTheRequest('saml_logout.in_response_to.matches_request', OASIS.samlCore, 'LogoutResponse'),
];
