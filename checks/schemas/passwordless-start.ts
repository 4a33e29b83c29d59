import { z } from 'zod';

// POST /passwordless/start success (docs/auth0-api.md §1.2, as Auth0's Java SDK fixtures show): the
// email and the sms variants.
export const PasswordlessStartResponse = z.lazy(() =>
  z.union([
    z.looseObject({ _id: z.string().min(1), email: z.string().min(1), email_verified: z.boolean().optional() }),
    z.looseObject({ _id: z.string().min(1), phone_number: z.string().min(1), phone_verified: z.boolean().optional() }),
  ]),
);
