import { z } from 'zod';

// The configuration a scenario runs with: where the tenant is and which clients, keys and users to
// use per credential method. The CLI builds it (from the local tenant, or from the user's file and
// environment, validated with the same schema) and hands it to k6 as a file read with open().

export const ClientWithSecret = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});

export const HarnessConfig = z.object({
  /** Base URL of the Authentication API, e.g. https://tenant.eu.auth0.com (no trailing slash). */
  baseUrl: z.url().transform((u) => u.replace(/\/+$/, '')),
  /** The issuer tokens must carry: `https://{domain}/` with the trailing slash (spec §2.2). */
  issuer: z.url(),
  /** API identifier client_credentials tokens are asked for. */
  audience: z.string().min(1),
  profile: z.enum(['auth0', 'oidc']).default('auth0'),
  clients: z.object({
    client_secret_post: ClientWithSecret.optional(),
    client_secret_basic: ClientWithSecret.optional(),
  }),
});

export type HarnessConfig = z.infer<typeof HarnessConfig>;
export type HarnessConfigInput = z.input<typeof HarnessConfig>;
