import type { DeviationName } from '../../tenant/faults/deviations.ts';

// The deviations that go with the endpoints and checks of the full matrix (issue 18): for each, the
// matrix cells where it shows and the check that must catch it there. The runs group them so that
// a run holds at most one deviation per cell a check reads, and each deviation is on in exactly one
// run: its check must fail in that run and pass in the others, which shows which deviation it
// caught. test/conformance/fault-modes.server-test.ts runs the older deviations one by one.

/** Where a deviation must be caught: a matrix cell and the check that fails there. */
export interface Catch {
  endpoint: string;
  credential: string;
  checkId: string;
}

const on =
  (endpoint: string, credential: string) =>
  (checkId: string): Catch[] => [{ endpoint, credential, checkId }];
const tokenPkj = on('POST /oauth/token', 'private_key_jwt');
const tokenPost = on('POST /oauth/token', 'client_secret_post');
const none = (endpoint: string) => on(endpoint, 'none');
const bearer = (endpoint: string) => on(endpoint, 'bearer');

export const COVERAGE_DEVIATIONS: Partial<Record<DeviationName, Catch[]>> = {
  'client_assertion.iat_unchecked': [
    ...tokenPkj('token_error.assertion_iat_in_future.status.is_401'),
    ...tokenPkj('token_error.assertion_iat_in_milliseconds.status.is_401'),
  ],
  'client_assertion.lifetime_unchecked': tokenPkj('token_error.assertion_lifetime_over_5_minutes.status.is_401'),
  'client_assertion.jti_reuse_allowed': tokenPkj('token_error.assertion_jti_reused.status.is_401'),
  'client_assertion.audience_unchecked': tokenPkj('token_error.assertion_aud_not_issuer.status.is_401'),
  'jwks.key_use_enc': tokenPost('access_token.signing_key.is_for_signatures'),
  'jwks.key_alg_mismatch': tokenPost('access_token.signing_key.alg_matches_header'),
  'ratelimit.drop_remaining_header': tokenPost('ratelimit.headers.present'),
  'userinfo.wrong_sub': [
    ...bearer('GET /userinfo')('userinfo.sub.equals_access_token_sub'),
    ...bearer('POST /userinfo')('userinfo.sub.equals_access_token_sub'),
  ],
  'oauth_metadata.issuer_mismatch': none('GET /.well-known/oauth-authorization-server')(
    'oauth_metadata.issuer.equals_configured_issuer',
  ),
  'mfa.remove_answers_200': bearer('DELETE /mfa/authenticators/{id}')('mfa_authenticators_delete.status.is_204'),
  'ssodata.session_ignored': none('GET /user/ssodata')('user_ssodata.sso.reports_the_session'),
  'co_authenticate.no_co_verifier': none('POST /co/authenticate')('co_authenticate.schema'),
  'legacy.serves_oidc_conformant_apps': [
    ...none('POST /oauth/ro')('legacy_error.oauth_ro.oidc_conformant.description'),
    ...none('POST /oauth/access_token')('legacy_error.oauth_access_token.oidc_conformant.description'),
    ...none('POST /delegation')('legacy_error.delegation.oidc_conformant.description'),
    ...none('POST /tokeninfo')('legacy_error.tokeninfo.oidc_conformant.description'),
    ...bearer('POST /login/unlink')('legacy_error.login_unlink.oidc_conformant.description'),
    ...bearer('POST /users/{user_id}/impersonate')('legacy_error.impersonate.oidc_conformant.description'),
  ],
  'saml.assertion_signature_broken': none('GET /samlp/{client_id}')(
    'saml_response.signature.valid_against_metadata_certificate',
  ),
  'saml_logout.wrong_in_response_to': none('POST /samlp/{client_id}/logout')(
    'saml_logout.in_response_to.matches_request',
  ),
  'wsfed.assertion_signature_broken': none('GET /wsfed/{client_id}')(
    'wsfed_response.signature.valid_against_metadata_certificate',
  ),
  'saml_callback.signature_unchecked': none('POST /login/callback')('saml_callback_error.bad_signature.status.is_400'),
  'otp_challenge.no_auth_session': on('POST /otp/challenge', 'client_secret_post')('otp_challenge.schema'),
  'passwordless_verify.accepts_wrong_code': none('POST /passwordless/verify')(
    'passwordless_verify_error.wrong_code.status.is_400_or_401_or_403',
  ),
  'global_token_revocation.token_unchecked': bearer('POST /oauth/global-token-revocation/connection/{connection_name}')(
    'global_token_revocation_error.unauthenticated.status.is_401',
  ),
};

/** Three runs, each deviation in one; a run never holds two deviations read by the same check on one cell. */
export const COVERAGE_RUNS: DeviationName[][] = [
  [
    'client_assertion.iat_unchecked',
    'jwks.key_use_enc',
    'oauth_metadata.issuer_mismatch',
    'mfa.remove_answers_200',
    'ssodata.session_ignored',
    'co_authenticate.no_co_verifier',
    'saml.assertion_signature_broken',
  ],
  [
    'client_assertion.lifetime_unchecked',
    'jwks.key_alg_mismatch',
    'legacy.serves_oidc_conformant_apps',
    'saml_logout.wrong_in_response_to',
    'wsfed.assertion_signature_broken',
    'otp_challenge.no_auth_session',
  ],
  [
    'client_assertion.jti_reuse_allowed',
    'client_assertion.audience_unchecked',
    'ratelimit.drop_remaining_header',
    'userinfo.wrong_sub',
    'saml_callback.signature_unchecked',
    'passwordless_verify.accepts_wrong_code',
    'global_token_revocation.token_unchecked',
  ],
];
