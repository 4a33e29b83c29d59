// Where the checks' rules come from, as links a reader can open: a section of an RFC or an OpenID
// specification, or the Auth0 documentation page that states Auth0's own behaviour. A check's `ref`
// is one of these; docs/auth0-api.md gathers what the Auth0 pages (and Auth0's SDKs) say, section by
// section, for the rules the pages leave vague.

/** A section of an RFC on the RFC Editor's site: `rfc(6749, '5.2')`. */
export function rfc(rfcNumber: number, section: string): string {
  return `https://www.rfc-editor.org/rfc/rfc${rfcNumber}#section-${section}`;
}

const CORE = 'https://openid.net/specs/openid-connect-core-1_0.html';
const DISCOVERY = 'https://openid.net/specs/openid-connect-discovery-1_0.html';
const CIBA = 'https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html';

/** OpenID specifications, by the anchor of the section (its number in the comment). */
export const OPENID = {
  /** Core §2 */
  idToken: `${CORE}#IDToken`,
  /** Core §3.1.2.1 (max_age) */
  authenticationRequest: `${CORE}#AuthRequest`,
  /** Core §3.1.3.7 */
  idTokenValidation: `${CORE}#IDTokenValidation`,
  /** Core §3.2.2.9 (at_hash) */
  implicitAccessTokenValidation: `${CORE}#ImplicitTokenValidation`,
  /** Core §3.3.2.11 (c_hash) */
  hybridIdToken: `${CORE}#HybridIDToken`,
  /** Core §5.3.2 */
  userinfoResponse: `${CORE}#UserInfoResponse`,
  /** Discovery §3 */
  providerMetadata: `${DISCOVERY}#ProviderMetadata`,
  /** Discovery §4.2 */
  providerConfigurationResponse: `${DISCOVERY}#ProviderConfigurationResponse`,
  /** Discovery §4.3 */
  providerConfigurationValidation: `${DISCOVERY}#ProviderConfigurationValidation`,
  /** Front-Channel Logout §3 (the sid claim) */
  frontChannelLogoutSid: 'https://openid.net/specs/openid-connect-frontchannel-1_0.html#OPLogout',
  /** OAuth 2.0 Multiple Response Type Encoding Practices §2 */
  responseModes: 'https://openid.net/specs/oauth-v2-multiple-response-types-1_0.html#ResponseModes',
  /** CIBA Core §7.3 (the anchor's spelling is the specification's) */
  cibaAuthenticationResponse: `${CIBA}#successful_authentication_request_acknowdlegment`,
  /** CIBA Core §11 */
  cibaTokenErrorResponse: `${CIBA}#token_error_response`,
};

/** OASIS standards behind the federation metadata documents (no section anchors on these pages). */
export const OASIS = {
  /** SAML V2.0 Metadata §2.4.3 (IDPSSODescriptor) */
  samlMetadata: 'https://docs.oasis-open.org/security/saml/v2.0/saml-metadata-2.0-os.pdf',
  /** SAML V2.0 Core §3.2.2 (StatusResponseType), §2.5.1.4 (AudienceRestriction) */
  samlCore: 'https://docs.oasis-open.org/security/saml/v2.0/saml-core-2.0-os.pdf',
  /** WS-Federation 1.2 §3.1 (Federation Metadata Document) */
  wsFederation: 'https://docs.oasis-open.org/wsfed/federation/v1.2/os/ws-federation-1.2-spec-os.html',
};

const DOCS = 'https://auth0.com/docs';
const API = `${DOCS}/api/authentication`;
const FLOWS = `${DOCS}/get-started/authentication-and-authorization-flow`;
const RATE_LIMITS = `${DOCS}/troubleshoot/customer-support/operational-policies/rate-limit-policy`;

/** Auth0's documentation: the Authentication API reference and the pages it points to. */
export const AUTH0 = {
  apiClientSecret: `${API}#client-id-and-client-secret`,
  apiRateLimiting: `${API}#rate-limiting`,
  authorizeApplication: `${API}/authorization-code-flow/authorize-application`,
  codeGrant: `${API}/authorization-code-flow/get-token`,
  codePkceGrant: `${API}/authorization-code-flow-with-pkce/get-token-pkce`,
  passwordGrant: `${API}/resource-owner-password-flow/get-token`,
  refreshTokenGrant: `${API}/refresh-token/refresh-token`,
  mfaOtpGrant: `${API}/multi-factor-authentication/verify-mfa-with-otp`,
  passwordlessGrant: `${API}/passwordless/authenticate-user`,
  passwordlessStart: `${API}/passwordless/get-code-or-link`,
  backChannelLogin: `${API}/login/start-back-channel-login`,
  signup: `${API}/signup/create-a-new-user`,
  changePassword: `${API}/change-password/change-password`,
  userinfo: `${API}/user-profile/get-user-info`,
  dynamicRegistration: `${API}/dynamic-application-client-registration/dynamic-application-registration`,
  mfaAssociate: `${API}/multi-factor-authentication/add-an-authenticator`,
  mfaAuthenticators: `${API}/multi-factor-authentication/list-authenticators`,
  mfaChallenge: `${API}/multi-factor-authentication/request-mfa-challenge`,
  samlMetadata: `${API}/saml/get-saml-metadata`,
  samlLogin: `${API}/saml/accept-saml-request`,
  samlIdpInitiated: `${API}/saml/idp-initiated-sso-flow`,
  samlLogout: `${API}/logout/saml-logout`,
  wsfedLogin: `${API}/ws-federation/accept-ws-federation-request`,
  mfaDeleteAuthenticator: `${API}/multi-factor-authentication/delete-an-authenticator`,
  ssoData: `${API}/user-profile/get-sso-data`,
  crossOriginAuthentication: `${DOCS}/get-started/applications/set-up-cors`,
  passwordlessVerify: `${API}/passwordless/passwordless-verify`,
  passwordlessOnDatabase: `${DOCS}/authenticate/database-connections/auth-api-passwordless-db-connections`,
  globalTokenRevocation: `${API}/logout/global-token-revocation`,
  oidcConformantAuthentication: `${DOCS}/authenticate/login/oidc-conformant-authentication`,
  resourceOwnerLegacy: `${API}/resource-owner-password-flow-legacy/resource-owner`,
  delegationLegacy: `${API}/delegation-legacy/delegation`,
  tokeninfoLegacy: `${API}/user-profile-legacy/get-token-info`,
  wsfedMetadata: `${API}/ws-federation/get-ws-federation-metadata`,
  accessTokenProfiles: `${DOCS}/secure/tokens/access-tokens/access-token-profiles`,
  jsonWebKeySetProperties: `${DOCS}/secure/tokens/json-web-tokens/json-web-key-set-properties`,
  refreshTokenRotation: `${DOCS}/secure/tokens/refresh-tokens/refresh-token-rotation`,
  updateGrantTypes: `${DOCS}/get-started/applications/update-grant-types`,
  privateKeyJwt: `${FLOWS}/authenticate-with-private-key-jwt`,
  deviceFlow: `${FLOWS}/device-authorization-flow/call-your-api-using-the-device-authorization-flow`,
  cibaFlow: `${FLOWS}/client-initiated-backchannel-authentication-flow/user-authorization-with-ciba`,
  mfaWithPasswordGrant: `${DOCS}/secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa`,
  authenticationErrors: `${DOCS}/libraries/common-auth0-library-authentication-errors`,
  redirectAfterLogout: `${DOCS}/authenticate/login/logout/redirect-users-after-logout`,
  rateLimitAlgorithm: `${RATE_LIMITS}#rate-limit-algorithm`,
  rateLimitHeaders: `${RATE_LIMITS}/rate-limit-use-cases#predict-when-requests-to-a-tenant-will-be-rate-limited`,
  rateLimitConfigurations: `${RATE_LIMITS}/rate-limit-configurations`,
};

/**
 * k6's documentation, for the harness's own checks about a run rather than the server's contract
 * (a request that got no response, a flow that threw).
 */
export const K6 = {
  errorCodes: 'https://grafana.com/docs/k6/latest/javascript-api/error-codes/',
  testLifecycle: 'https://grafana.com/docs/k6/latest/using-k6/test-lifecycle/',
};
