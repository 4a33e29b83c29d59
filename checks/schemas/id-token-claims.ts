import { z } from 'zod';

const EpochSeconds = z.number().int().nonnegative();

// ID token payload (OIDC Core §2, docs/auth0-api.md §2.2). aud may be an array; then azp names the client.
export const IdTokenClaims = z.lazy(() =>
  z.looseObject({
    iss: z.string().min(1),
    sub: z.string().min(1),
    aud: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    exp: EpochSeconds,
    iat: EpochSeconds,
    nonce: z.string().optional(),
    at_hash: z.string().optional(),
    c_hash: z.string().optional(),
    auth_time: EpochSeconds.optional(),
    sid: z.string().optional(),
    azp: z.string().optional(),
  }),
);
