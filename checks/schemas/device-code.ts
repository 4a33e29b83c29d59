import { z } from 'zod';
import { AbsoluteUrl } from './absolute-url.ts';

// POST /oauth/device/code (RFC 8628 §3.2, docs/auth0-api.md §1.2).
export const DeviceCodeResponse = z.lazy(() =>
  z.looseObject({
    device_code: z.string().min(1),
    user_code: z.string().min(1),
    verification_uri: AbsoluteUrl,
    verification_uri_complete: AbsoluteUrl.optional(),
    expires_in: z.number().int().positive(),
    interval: z.number().int().positive().optional(),
  }),
);
