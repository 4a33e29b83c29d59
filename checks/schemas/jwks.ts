import { z } from 'zod';

// /.well-known/jwks.json (docs/auth0-api.md §2.4): RSA signing keys with kid; alg may be omitted by tenant setting.
export const JsonWebKey = z.looseObject({
  kty: z.literal('RSA'),
  kid: z.string().min(1),
  n: z.string().min(1),
  e: z.string().min(1),
  use: z.literal('sig').optional(),
  alg: z.string().optional(),
  x5t: z.string().optional(),
  x5c: z.array(z.string()).optional(),
});

export const JsonWebKeySet = z.object({ keys: z.array(JsonWebKey).min(1) });
