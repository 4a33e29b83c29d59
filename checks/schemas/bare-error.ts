import { z } from 'zod';

// Error shape C (auth0-spec §3.1): `{"error": "<sentence>"}` with nothing else, from signup edge cases.
export const BareError = z.strictObject({ error: z.string().min(1) });
