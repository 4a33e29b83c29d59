import { CREDENTIAL_METHODS, type CredentialMethod } from './credential-methods.ts';

// Which endpoint takes which credential method, declared once (after OIDF variants and oauth2c's
// grant × auth table). Coverage in summary.json, the scenario's flows and the docs come from here,
// so no cell goes missing silently and every cell that is not run says why.

export type Profile = 'auth0' | 'oidc';

export type Cell = { applies: true } | { applies: false; reason: string };

export interface MatrixRow {
  endpoint: string;
  /** Profiles whose suite covers this endpoint (oidc: standards-only, discovery-driven). */
  profiles: Profile[];
  cells: Record<CredentialMethod, Cell>;
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
): MatrixRow {
  const cells = {} as Record<CredentialMethod, Cell>;
  for (const method of CREDENTIAL_METHODS) {
    const as = method === 'mtls_handshake' ? 'tls_client_auth' : method;
    cells[method] =
      runs.includes(method) || runs.includes(as) ? RUN : na(reasons[method] ?? reasons[as] ?? reasons.other);
  }
  return { endpoint, profiles, cells };
}

const BOTH: Profile[] = ['auth0', 'oidc'];
const AUTH0: Profile[] = ['auth0'];
const PUBLIC_METADATA = { other: 'public metadata endpoint: no client authentication' };
const BROWSER = { other: 'browser endpoint: the user agent carries no client credentials (docs/auth0-api.md §1.1)' };
// docs/auth0-api.md §5: the mTLS edge forwards only /oauth/token, /oauth/par and /userinfo.
const NOT_AT_EDGE = 'the mTLS edge forwards only /oauth/token, /oauth/par and /userinfo (docs/auth0-api.md §5)';
const NOT_BEARER = 'authenticates clients, not bearer tokens (docs/auth0-api.md §5)';

export const CONFORMANCE_MATRIX: MatrixRow[] = [
  row('GET /.well-known/openid-configuration', BOTH, ['none'], PUBLIC_METADATA),
  row('GET /.well-known/jwks.json', BOTH, ['none'], PUBLIC_METADATA),
  row('GET /authorize', BOTH, ['none'], BROWSER),
  row(
    'POST /oauth/token',
    BOTH,
    ['none', 'client_secret_post', 'client_secret_basic', 'private_key_jwt', 'tls_client_auth'],
    { bearer: `the token endpoint ${NOT_BEARER}`, other: '' },
  ),
  row('POST /oauth/revoke', BOTH, ['none', 'client_secret_post', 'client_secret_basic', 'private_key_jwt'], {
    tls_client_auth: NOT_AT_EDGE,
    bearer: `revocation ${NOT_BEARER}`,
    other: '',
  }),
  row('POST /oauth/par', BOTH, ['client_secret_post', 'client_secret_basic', 'private_key_jwt', 'tls_client_auth'], {
    none: 'PAR is for confidential clients only; public clients are unsupported (docs/auth0-api.md §1.2)',
    bearer: `PAR ${NOT_BEARER}`,
    other: '',
  }),
  row('POST /oauth/device/code', BOTH, ['none'], {
    other: 'device applications are public clients (docs/auth0-api.md §1.2)',
  }),
  row(
    'POST /bc-authorize',
    AUTH0,
    ['client_secret_post', 'client_secret_basic', 'private_key_jwt', 'tls_client_auth'],
    {
      none: 'CIBA needs an authenticated client (docs/auth0-api.md §1.2)',
      bearer: `CIBA ${NOT_BEARER}`,
      other: '',
    },
  ),
  row('GET /userinfo', BOTH, ['bearer'], {
    other: 'userinfo takes an access token, not client credentials (docs/auth0-api.md §5)',
  }),
  row('POST /passwordless/start', AUTH0, ['none', 'client_secret_post', 'private_key_jwt'], {
    client_secret_basic: 'passwordless start takes client_secret in the body only (docs/auth0-api.md §1.2)',
    tls_client_auth: NOT_AT_EDGE,
    bearer: `passwordless start ${NOT_BEARER}`,
    other: '',
  }),
  row('POST /dbconnections/signup', AUTH0, ['none'], { other: 'signup takes client_id only (docs/auth0-api.md §1.2)' }),
  row('POST /dbconnections/change_password', AUTH0, ['none'], {
    other: 'change_password takes client_id only (docs/auth0-api.md §1.2)',
  }),
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
  row('POST /oidc/register', BOTH, ['none'], {
    other: 'dynamic registration is open: no client exists yet (docs/auth0-api.md §1.2)',
  }),
  row('GET /v2/logout', AUTH0, ['none'], BROWSER),
  row('GET /oidc/logout', BOTH, ['none'], BROWSER),
  row('GET /samlp/metadata/{client_id}', AUTH0, ['none'], PUBLIC_METADATA),
  row('GET /wsfed/FederationMetadata/2007-06/FederationMetadata.xml', AUTH0, ['none'], PUBLIC_METADATA),
];

/** The rows a profile's run covers. */
export const matrixFor = (profile: Profile): MatrixRow[] =>
  CONFORMANCE_MATRIX.filter((r) => r.profiles.includes(profile));
