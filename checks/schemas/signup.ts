import { z } from 'zod';

// POST /dbconnections/signup success (docs/auth0-api.md §1.2, and Auth0's Java and Node SDK fixtures).
export const SignupResponse = z.lazy(() =>
  z.looseObject({
    _id: z.string().min(1),
    email: z.string().optional(),
    email_verified: z.boolean().optional(),
    username: z.string().optional(),
    phone_number: z.string().optional(),
  }),
);
