import { z } from 'zod';

// Error shape A (docs/auth0-api.md §3.1): the OAuth error object used by /oauth/*, /mfa/*, /co/authenticate,
// /passwordless/start, /bc-authorize. Extra fields (mfa_token, mfa_requirements, error_uri) allowed.
export const OAuthError = z.lazy(() =>
  z.looseObject({
    error: z.string().min(1),
    error_description: z.string().optional(),
    error_uri: z.string().optional(),
  }),
);

export type OAuthError = z.infer<typeof OAuthError>;
