import { z } from 'zod';

// Error shape B (docs/auth0-api.md §3.1): /dbconnections/*. description is an object for PasswordStrengthError.
const PasswordRule = z.lazy(() =>
  z.looseObject({ code: z.string().min(1), message: z.string(), verified: z.boolean() }),
);

export const DbConnectionError = z.lazy(() =>
  z.looseObject({
    name: z.string().min(1),
    code: z.string().min(1),
    description: z.union([z.string(), z.looseObject({ rules: z.array(PasswordRule), verified: z.boolean() })]),
    statusCode: z.number().int().optional(),
  }),
);
