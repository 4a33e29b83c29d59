import { z } from 'zod';

// POST /bc-authorize (OpenID CIBA §7.3, docs/auth0-api.md §1.2).
export const BackchannelAuthorizeResponse = z.lazy(() =>
  z.looseObject({
    auth_req_id: z.string().min(1),
    expires_in: z.number().int().positive(),
    interval: z.number().int().positive().optional(),
  }),
);
