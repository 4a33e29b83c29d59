import { z } from 'zod';

// Error shape E (docs/auth0-api.md §3.1): the Hapi-style body some platform-level rejections (429) carry.
export const HapiError = z.lazy(() =>
  z.looseObject({
    statusCode: z.number().int().min(400).max(599),
    error: z.string().min(1),
    message: z.string(),
    errorCode: z.string().optional(),
  }),
);
