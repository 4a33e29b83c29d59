import { z } from 'zod';

// POST /oidc/register (RFC 7591 §3.2.1, docs/auth0-api.md §1.2 DCR). client_secret is omitted for
// token_endpoint_auth_method "none".
export const ClientRegistrationResponse = z.lazy(() =>
  z.looseObject({
    client_id: z.string().min(1),
    client_secret: z.string().min(1).optional(),
    client_name: z.string().optional(),
    redirect_uris: z.array(z.string().min(1)).min(1),
    client_secret_expires_at: z.number().int().nonnegative().optional(),
    grant_types: z.array(z.string()).optional(),
    token_endpoint_auth_method: z.string().optional(),
  }),
);
