import { z } from 'zod';

// POST /oauth/device/code (RFC 8628 §3.2, auth0-spec §1.2).
export const DeviceCodeResponse = z.looseObject({
  device_code: z.string().min(1),
  user_code: z.string().min(1),
  verification_uri: z.url(),
  verification_uri_complete: z.url().optional(),
  expires_in: z.number().int().positive(),
  interval: z.number().int().positive().optional(),
});
