import { z } from 'zod';

// POST /dbconnections/signup success (auth0-spec §1.2, J-FIX, N-FIX).
export const SignupResponse = z.looseObject({
  _id: z.string().min(1),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  username: z.string().optional(),
  phone_number: z.string().optional(),
});
