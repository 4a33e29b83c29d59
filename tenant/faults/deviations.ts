// Named deviations: each breaks exactly ONE point of the contract in docs/auth0-api.md, so a
// harness check can be shown to catch it. This table is the documentation (GET /__tenant/faults
// returns it as `available`).
export const DEVIATIONS = {
  'ratelimit.drop_limit_header': 'X-RateLimit-Limit is left out of every response (docs/auth0-api.md §4.2).',
  'ratelimit.drop_remaining_header': 'X-RateLimit-Remaining is left out of every response (docs/auth0-api.md §4.2).',
  'ratelimit.drop_reset_header': 'X-RateLimit-Reset is left out of every response (docs/auth0-api.md §4.2).',
  'ratelimit.reset_in_milliseconds':
    'X-RateLimit-Reset is epoch milliseconds instead of epoch seconds (docs/auth0-api.md §4.2).',
  'ratelimit.remaining_not_decremented':
    'X-RateLimit-Remaining always equals X-RateLimit-Limit, even on a 429 (docs/auth0-api.md §4.2, §8.13).',
  'ratelimit.429_wrong_body':
    'A rate-limited response carries a plain-text body instead of a JSON error (docs/auth0-api.md §4.2).',
  'token.iss_without_trailing_slash': 'Tokens carry iss without the trailing slash (docs/auth0-api.md §2.2).',
  'token.wrong_iss': 'Tokens carry the iss of another tenant (docs/auth0-api.md §2.2).',
  'token.expired':
    'Access and ID tokens are issued already expired: exp one hour in the past (docs/auth0-api.md §2.3).',
  'token.bad_signature':
    'Token signatures are corrupted, so verification with the JWKS fails (docs/auth0-api.md §2.4).',
  'token.unknown_kid': 'Tokens name a kid that the JWKS does not publish (docs/auth0-api.md §2.4).',
  'token.wrong_aud':
    'Access tokens carry an audience other than the one requested; ID tokens another client id (docs/auth0-api.md §2.2, §2.3).',
  'token.wrong_sub':
    'client_credentials tokens carry sub without the "@clients" suffix; user tokens a different user id (docs/auth0-api.md §2.3).',
  'token.missing_gty': 'Access tokens leave out gty (docs/auth0-api.md §2.3).',
  'token.wrong_cnf':
    'Certificate-bound access tokens carry the thumbprint of another certificate in cnf.x5t#S256 (RFC 8705 §3.1).',
  'id_token.nonce_not_echoed': 'ID tokens leave out the nonce that was sent (docs/auth0-api.md §2.2).',
  'id_token.wrong_at_hash': 'ID tokens carry an at_hash that does not match the access token (docs/auth0-api.md §2.2).',
  'error.wrong_shape':
    'OAuth errors (shape A) are sent in the Hapi shape E {statusCode, error, message} (docs/auth0-api.md §3.1).',
  'error.wrong_status': 'Errors documented as 401 are sent as 400 (docs/auth0-api.md §3.3).',
  'http.missing_no_store': 'Token and error responses leave out Cache-Control: no-store (RFC 6749 §5.1).',
  'http.wrong_content_type': 'JSON responses are labelled text/html (docs/auth0-api.md §3.1).',
  'discovery.issuer_mismatch':
    'The discovery document names an issuer different from the iss in tokens (docs/auth0-api.md §2.5, OIDC Discovery §4.3).',
  'discovery.server_error': 'The discovery document is answered with 500 and an HTML error page (OIDC Discovery §4.2).',
  'jwks.missing_x5c': 'JWKS keys leave out x5c and x5t (docs/auth0-api.md §2.4).',
  'jwks.unreachable':
    "Discovery's jwks_uri names loopback port 9, where nothing listens: fetching the JWKS is refused (docs/auth0-api.md §2.4).",
  'jwks.malformed': 'The JWKS is answered with its JSON cut short (docs/auth0-api.md §2.4).',
  'token.refuse_all_clients':
    'The token endpoint refuses every client with 401 invalid_client, whatever its credentials (docs/auth0-api.md §3.3).',
  'client_assertion.iat_unchecked':
    'Client assertions are accepted whatever their iat: in the future beyond the 10 s skew, or in milliseconds (docs/auth0-api.md §5).',
  'client_assertion.lifetime_unchecked':
    'Client assertions living longer than 5 minutes (exp - iat) are accepted (docs/auth0-api.md §5).',
  'client_assertion.jti_reuse_allowed':
    'A client assertion may be presented again with the same jti (docs/auth0-api.md §5).',
  'client_assertion.audience_unchecked':
    "Client assertions are accepted whatever their aud, not only the tenant's issuer (docs/auth0-api.md §5).",
  'userinfo.wrong_sub':
    "/userinfo (GET and POST) answers with a sub other than the access token's and ID token's (OIDC Core §5.3.2).",
  'jwks.key_use_enc':
    'The JWKS marks the signing key use "enc", an encryption key (docs/auth0-api.md §2.4, RFC 7517 §4.2).',
  'jwks.key_alg_mismatch':
    "The JWKS names RS384 as the signing key's alg while tokens are signed RS256 (docs/auth0-api.md §2.4, RFC 7517 §4.4).",
  'oauth_metadata.issuer_mismatch':
    '/.well-known/oauth-authorization-server names the issuer without its trailing slash (RFC 8414 §3.3).',
  'mfa.remove_answers_200':
    'DELETE /mfa/authenticators/{id} answers 200 with a body instead of 204 No Content (docs/auth0-api.md §1.2).',
  'ssodata.session_ignored':
    'GET /user/ssodata answers {"sso": false} even with a login session (docs/auth0-api.md §1.1).',
  'co_authenticate.no_co_verifier':
    'POST /co/authenticate leaves co_verifier out of the login ticket (docs/auth0-api.md §1.2).',
  'legacy.serves_oidc_conformant_apps':
    'The legacy endpoints serve OIDC-conformant applications instead of refusing them with invalid_request (docs/auth0-api.md §3.9).',
  'saml.assertion_signature_broken':
    "SP-initiated SAML posts an assertion altered after signing: its signature no longer verifies with the metadata's certificate (docs/auth0-api.md §1.1).",
  'saml_logout.wrong_in_response_to':
    'The LogoutResponse of POST /samlp/{client_id}/logout answers another request: InResponseTo is not the LogoutRequest ID (SAML 2.0 Core §3.2.2).',
  'wsfed.assertion_signature_broken':
    "WS-Federation posts an assertion altered after signing: its signature no longer verifies with the metadata's certificate (docs/auth0-api.md §1.1).",
  'saml_callback.signature_unchecked':
    "POST /login/callback accepts a SAMLResponse whose signature the connection's certificate does not verify (docs/auth0-api.md §1.1).",
  'otp_challenge.no_auth_session':
    'POST /otp/challenge answers {"session": …} instead of {"auth_session": …} (docs/auth0-api.md §1.2).',
  'passwordless_verify.accepts_wrong_code': 'POST /passwordless/verify accepts any code (docs/auth0-api.md §1.2).',
  'global_token_revocation.token_unchecked':
    "POST /oauth/global-token-revocation/connection/{name} accepts a bearer JWT the connection's key did not sign (docs/auth0-api.md §1.1).",
} as const;

export type DeviationName = keyof typeof DEVIATIONS;
export const DEVIATION_NAMES = Object.keys(DEVIATIONS) as DeviationName[];
