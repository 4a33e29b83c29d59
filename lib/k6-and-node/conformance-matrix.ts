import { CREDENTIAL_METHODS, type CredentialMethod } from './credential-methods.ts';
import type { BucketId } from './documented-rate-limits.ts';

// Which endpoint takes which credential method, declared once (after OIDF variants and oauth2c's
// grant × auth table). Coverage in summary.json, the scenario's flows and the docs come from here,
// so no cell goes missing silently and every cell that is not run says why.

export type Profile = 'auth0' | 'oidc';

type Cell = { applies: true } | { applies: false; reason: string };

export interface MatrixRow {
  endpoint: string;
  /** Profiles whose suite covers this endpoint (oidc: standards-only, discovery-driven). */
  profiles: Profile[];
  cells: Record<CredentialMethod, Cell>;
  /**
   * The endpoint's own documented rate limit (docs/auth0-api.md §4.4): every response it gives must
   * carry the X-RateLimit-* headers of §4.2, held to the rate-limit suite's rules.
   */
  rateLimit?: BucketId;
}

const RUN: Cell = { applies: true };
const na = (reason: string): Cell => ({ applies: false, reason });

/**
 * A row whose listed methods run and whose others are not applicable for `reason`. Mutual TLS by
 * handshake takes the cell of the edge method: Auth0 ends mutual TLS at the customer edge either way,
 * and serves it where the edge forwards (docs/auth0-api.md §5).
 */
function row(
  endpoint: string,
  profiles: Profile[],
  runs: CredentialMethod[],
  reasons: Partial<Record<CredentialMethod, string>> & { other: string },
  rateLimit?: BucketId,
): MatrixRow {
  const cells = {} as Record<CredentialMethod, Cell>;
  for (const method of CREDENTIAL_METHODS) {
    const as = method === 'mtls_handshake' ? 'tls_client_auth' : method;
    cells[method] =
      runs.includes(method) || runs.includes(as) ? RUN : na(reasons[method] ?? reasons[as] ?? reasons.other);
  }
  return { endpoint, profiles, cells, ...(rateLimit ? { rateLimit } : {}) };
}

const BOTH: Profile[] = ['auth0', 'oidc'];
const AUTH0: Profile[] = ['auth0'];
const PUBLIC_METADATA = { other: 'public metadata endpoint: no client authentication' };
const BROWSER = { other: 'browser endpoint: the user agent carries no client credentials (docs/auth0-api.md §1.1)' };
// docs/auth0-api.md §5: the mTLS edge forwards only /oauth/token, /oauth/par and /userinfo.
const NOT_AT_EDGE = 'the mTLS edge forwards only /oauth/token, /oauth/par and /userinfo (docs/auth0-api.md §5)';
const NOT_BEARER = 'authenticates clients, not bearer tokens (docs/auth0-api.md §5)';
const USERINFO = { other: 'userinfo takes an access token, not client credentials (docs/auth0-api.md §5)' };

// docs/auth0-api.md §1.2: the legacy endpoints take a client_id in the body, or a user's access token.
const LEGACY = { other: 'a legacy endpoint: it takes the client_id alone (docs/auth0-api.md §1.2)' };
const LEGACY_BEARER = { other: "a legacy endpoint: it takes a user's access token (docs/auth0-api.md §1.2)" };

export const CONFORMANCE_MATRIX: MatrixRow[] = [
  row('GET /.well-known/openid-configuration', BOTH, ['none'], PUBLIC_METADATA),
  row('GET /.well-known/jwks.json', BOTH, ['none'], PUBLIC_METADATA, 'jwks'),
  // RFC 8414 metadata: Auth0's discovery page mentions it (docs/auth0-api.md §1.2); a standard OpenID
  // provider need not serve it.
  row('GET /.well-known/oauth-authorization-server', AUTH0, ['none'], PUBLIC_METADATA),
  row('GET /authorize', BOTH, ['none'], BROWSER),
  row(
    'POST /oauth/token',
    BOTH,
    ['none', 'client_secret_post', 'client_secret_basic', 'private_key_jwt', 'tls_client_auth'],
    { bearer: `the token endpoint ${NOT_BEARER}`, other: '' },
    'token',
  ),
  row('POST /oauth/revoke', BOTH, ['none', 'client_secret_post', 'client_secret_basic', 'private_key_jwt'], {
    tls_client_auth: NOT_AT_EDGE,
    bearer: `revocation ${NOT_BEARER}`,
    other: '',
  }),
  row(
    'POST /oauth/par',
    BOTH,
    ['client_secret_post', 'client_secret_basic', 'private_key_jwt', 'tls_client_auth'],
    {
      none: 'PAR is for confidential clients only; public clients are unsupported (docs/auth0-api.md §1.2)',
      bearer: `PAR ${NOT_BEARER}`,
      other: '',
    },
    'par',
  ),
  row(
    'POST /oauth/device/code',
    BOTH,
    ['none'],
    { other: 'device applications are public clients (docs/auth0-api.md §1.2)' },
    'device_code',
  ),
  row(
    'POST /bc-authorize',
    AUTH0,
    ['client_secret_post', 'client_secret_basic', 'private_key_jwt', 'tls_client_auth'],
    {
      none: 'CIBA needs an authenticated client (docs/auth0-api.md §1.2)',
      bearer: `CIBA ${NOT_BEARER}`,
      other: '',
    },
    'bc_authorize',
  ),
  row('GET /userinfo', BOTH, ['bearer'], USERINFO, 'userinfo'),
  row('POST /userinfo', BOTH, ['bearer'], USERINFO, 'userinfo'),
  row(
    'POST /passwordless/start',
    AUTH0,
    ['none', 'client_secret_post', 'private_key_jwt'],
    {
      client_secret_basic: 'passwordless start takes client_secret in the body only (docs/auth0-api.md §1.2)',
      tls_client_auth: NOT_AT_EDGE,
      bearer: `passwordless start ${NOT_BEARER}`,
      other: '',
    },
    'passwordless_start',
  ),
  row(
    'POST /dbconnections/signup',
    AUTH0,
    ['none'],
    { other: 'signup takes client_id only (docs/auth0-api.md §1.2)' },
    'signup',
  ),
  row(
    'POST /dbconnections/change_password',
    AUTH0,
    ['none'],
    { other: 'change_password takes client_id only (docs/auth0-api.md §1.2)' },
    'change_password',
  ),
  row('POST /mfa/challenge', AUTH0, ['none', 'client_secret_post', 'private_key_jwt'], {
    client_secret_basic: 'the MFA API takes client_secret in the body only (docs/auth0-api.md §1.2)',
    tls_client_auth: NOT_AT_EDGE,
    bearer: 'the challenge is authorised by the mfa_token in the body (docs/auth0-api.md §1.2)',
    other: '',
  }),
  row('POST /mfa/associate', AUTH0, ['bearer'], {
    other: 'association is authorised by the bearer mfa_token or MFA access token (docs/auth0-api.md §1.2)',
  }),
  row('GET /mfa/authenticators', AUTH0, ['bearer'], {
    other: 'listing is authorised by an MFA access token (docs/auth0-api.md §1.2)',
  }),
  row('DELETE /mfa/authenticators/{id}', AUTH0, ['bearer'], {
    other: 'removal is authorised by an MFA access token with remove:authenticators (docs/auth0-api.md §1.2)',
  }),
  // docs/auth0-api.md §4.4: 5 a second on Free; on paid plans the global limit only.
  row(
    'POST /co/authenticate',
    AUTH0,
    ['none'],
    { other: "cross-origin login takes the client_id alone, from an Allowed Origin's page (docs/auth0-api.md §1.2)" },
    'co_authenticate',
  ),
  row(
    'POST /oidc/register',
    BOTH,
    ['none'],
    { other: 'dynamic registration is open: no client exists yet (docs/auth0-api.md §1.2)' },
    'oidc_register',
  ),
  row('GET /v2/logout', AUTH0, ['none'], BROWSER),
  row('GET /oidc/logout', BOTH, ['none'], BROWSER),
  row('GET /user/ssodata', AUTH0, ['none'], BROWSER),
  row('POST /passwordless/verify', AUTH0, ['none'], {
    other: 'passwordless verification takes the client_id alone (docs/auth0-api.md §1.2)',
  }),
  row('POST /otp/challenge', AUTH0, ['client_secret_post'], {
    none: "public clients may use it only as native applications, not SPAs (docs/auth0-api.md §1.2); the harness configuration's public client is a browser one",
    other: 'the challenge takes client_secret in the body, or nothing from a native app (docs/auth0-api.md §1.2)',
  }),
  row(
    'POST /oauth/global-token-revocation/connection/{connection_name}',
    AUTH0,
    ['bearer'],
    {
      other:
        "the identity provider authenticates with a bearer JWT signed by the connection's key (docs/auth0-api.md §1.1)",
    },
    'global_token_revocation',
  ),
  row('POST /oauth/ro', AUTH0, ['none'], LEGACY),
  row('POST /oauth/access_token', AUTH0, ['none'], LEGACY),
  row('POST /delegation', AUTH0, ['none'], LEGACY),
  row('POST /tokeninfo', AUTH0, ['none'], LEGACY),
  row('POST /login/unlink', AUTH0, ['bearer'], LEGACY_BEARER),
  row('POST /users/{user_id}/impersonate', AUTH0, ['bearer'], LEGACY_BEARER),
  row('GET /samlp/metadata/{client_id}', AUTH0, ['none'], PUBLIC_METADATA),
  row('GET /samlp/{client_id}', AUTH0, ['none'], BROWSER),
  row('POST /samlp/{client_id}/logout', AUTH0, ['none'], BROWSER),
  row('GET /wsfed/{client_id}', AUTH0, ['none'], BROWSER),
  row('POST /login/callback', AUTH0, ['none'], {
    other:
      "the identity provider's SAMLResponse arrives through the browser, signed, with no client credentials (docs/auth0-api.md §1.1)",
  }),
  row('GET /wsfed/FederationMetadata/2007-06/FederationMetadata.xml', AUTH0, ['none'], PUBLIC_METADATA),
];

/** The rows a profile's run covers. */
export const matrixFor = (profile: Profile): MatrixRow[] =>
  CONFORMANCE_MATRIX.filter((r) => r.profiles.includes(profile));
