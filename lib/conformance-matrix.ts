import type { CredentialMethod } from './credential-methods.ts';

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

const PUBLIC_METADATA = na('public metadata endpoint: no client authentication');

export const CONFORMANCE_MATRIX: MatrixRow[] = [
  {
    endpoint: 'GET /.well-known/openid-configuration',
    profiles: ['auth0', 'oidc'],
    cells: {
      none: RUN,
      client_secret_post: PUBLIC_METADATA,
      client_secret_basic: PUBLIC_METADATA,
      private_key_jwt: PUBLIC_METADATA,
      tls_client_auth: PUBLIC_METADATA,
      bearer: PUBLIC_METADATA,
    },
  },
  {
    endpoint: 'GET /.well-known/jwks.json',
    profiles: ['auth0', 'oidc'],
    cells: {
      none: RUN,
      client_secret_post: PUBLIC_METADATA,
      client_secret_basic: PUBLIC_METADATA,
      private_key_jwt: PUBLIC_METADATA,
      tls_client_auth: PUBLIC_METADATA,
      bearer: PUBLIC_METADATA,
    },
  },
  {
    endpoint: 'POST /oauth/token',
    profiles: ['auth0', 'oidc'],
    cells: {
      none: RUN,
      client_secret_post: RUN,
      client_secret_basic: RUN,
      private_key_jwt: RUN,
      tls_client_auth: RUN,
      bearer: na('the token endpoint authenticates clients, not bearer tokens (spec §5)'),
    },
  },
];
