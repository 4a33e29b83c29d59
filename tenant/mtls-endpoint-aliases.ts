// The endpoints the tenant announces in discovery's mtls_endpoint_aliases (RFC 8705 §5), by metadata
// name, and the paths its mTLS listener serves for them. Auth0's customer edge forwards /oauth/token,
// /oauth/par and /userinfo (docs/auth0-api.md §5); /bc-authorize is there too because CIBA documents mTLS
// client authentication (docs/auth0-api.md §1.2). Revocation is not: Auth0 documents no mTLS for it.
export const MTLS_ENDPOINT_ALIASES = {
  token_endpoint: '/oauth/token',
  pushed_authorization_request_endpoint: '/oauth/par',
  backchannel_authentication_endpoint: '/bc-authorize',
  userinfo_endpoint: '/userinfo',
} as const;

export const MTLS_PATHS: ReadonlySet<string> = new Set(Object.values(MTLS_ENDPOINT_ALIASES));

/** The aliases under `base` (an origin, no trailing slash). */
export function mtlsEndpointAliases(base: string): Record<keyof typeof MTLS_ENDPOINT_ALIASES, string> {
  return Object.fromEntries(
    Object.entries(MTLS_ENDPOINT_ALIASES).map(([name, path]) => [name, `${base}${path}`]),
  ) as Record<keyof typeof MTLS_ENDPOINT_ALIASES, string>;
}
