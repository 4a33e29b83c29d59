import { z } from 'zod';

// The MFA API's success bodies (docs/auth0-api.md §1.2): /mfa/challenge, /mfa/associate, /mfa/authenticators.

export const MfaChallengeResponse = z.lazy(() =>
  z.discriminatedUnion('challenge_type', [
    z.looseObject({ challenge_type: z.literal('otp') }),
    z.looseObject({
      challenge_type: z.literal('oob'),
      oob_code: z.string().min(1),
      binding_method: z.string().optional(),
    }),
  ]),
);

export const MfaAssociateResponse = z.lazy(() =>
  z.discriminatedUnion('authenticator_type', [
    z.looseObject({
      authenticator_type: z.literal('otp'),
      secret: z.string().min(1),
      barcode_uri: z.string().startsWith('otpauth://', { message: 'expected an otpauth:// URI' }),
      recovery_codes: z.array(z.string().min(1)).optional(),
    }),
    z.looseObject({
      authenticator_type: z.literal('oob'),
      oob_channel: z.string().min(1),
      oob_code: z.string().min(1).optional(),
      binding_method: z.string().optional(),
      barcode_uri: z.string().optional(),
      recovery_codes: z.array(z.string().min(1)).optional(),
    }),
  ]),
);

export const MfaAuthenticatorList = z.lazy(() =>
  z.array(
    z.looseObject({
      id: z.string().min(1),
      authenticator_type: z.string().min(1),
      active: z.boolean(),
      oob_channel: z.string().optional(),
      name: z.string().optional(),
    }),
  ),
);
