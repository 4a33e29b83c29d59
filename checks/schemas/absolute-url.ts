import { z } from 'zod';

// An absolute http(s) URL. zod's z.url() parses with the URL global, which k6 does not provide (its
// docs import URL from jslib.k6.io), so schemas that run in k6 check the shape instead.
export const AbsoluteUrl = z
  .string()
  .regex(/^https?:\/\/[^\s/?#@]+(:\d+)?([/?#]\S*)?$/i, { message: 'expected an absolute http(s) URL' });
