import { z } from 'zod';

// Successful /oauth/token response (docs/auth0-api.md §2.1). token_type is "Bearer" ("DPoP" for bound tokens),
// compared case-insensitively because some SDK fixtures use lower case.
export const TokenResponse = z.lazy(() =>
  z.looseObject({
    access_token: z.string().min(1),
    token_type: z.string().regex(/^(bearer|dpop)$/i, 'expected "Bearer" or "DPoP"'),
    expires_in: z.number().int().positive(),
    id_token: z.string().min(1).optional(),
    refresh_token: z.string().min(1).optional(),
    scope: z.string().optional(),
    issued_token_type: z.string().optional(),
    recovery_code: z.string().optional(),
  }),
);

export type TokenResponse = z.infer<typeof TokenResponse>;
