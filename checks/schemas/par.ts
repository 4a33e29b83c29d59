import { z } from 'zod';

// POST /oauth/par (RFC 9126 §2.2, docs/auth0-api.md §1.2). expires_in is 30 s by the flow doc and 90 in the
// OAS example (docs/auth0-api.md §7.7): any positive lifetime is accepted here.
export const PushedAuthorizationResponse = z.lazy(() =>
  z.looseObject({
    request_uri: z.string().startsWith('urn:ietf:params:oauth:request_uri:', {
      message: 'expected a urn:ietf:params:oauth:request_uri: URN',
    }),
    expires_in: z.number().int().positive(),
  }),
);
