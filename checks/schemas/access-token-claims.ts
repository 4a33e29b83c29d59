import { z } from 'zod';

const EpochSeconds = z.number().int().nonnegative();
const Audience = z.lazy(() => z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]));

// JWT access tokens in Auth0's two profiles (docs/auth0-api.md §2.3, after Auth0's access token
// profiles page). The Auth0 profile carries azp and (for some grants) gty; the RFC 9068 profile
// replaces azp with client_id and adds jti.
const claimsOfBothProfiles = () => ({
  iss: z.string().min(1),
  sub: z.string().min(1),
  aud: Audience,
  exp: EpochSeconds,
  iat: EpochSeconds,
  scope: z.string().optional(),
  permissions: z.array(z.string()).optional(),
});

export const Auth0AccessTokenClaims = z.lazy(() =>
  z.looseObject({
    ...claimsOfBothProfiles(),
    azp: z.string().min(1).optional(),
    gty: z.string().optional(),
  }),
);

export const Rfc9068AccessTokenClaims = z.lazy(() =>
  z.looseObject({
    ...claimsOfBothProfiles(),
    client_id: z.string().min(1),
    jti: z.string().min(1),
  }),
);
