import { z } from 'zod';
import { AbsoluteUrl } from './absolute-url.ts';

// /.well-known/openid-configuration (docs/auth0-api.md §2.5, OpenID Connect Discovery 1.0 §3).
export const DiscoveryDocument = z.lazy(() =>
  z.looseObject({
    issuer: AbsoluteUrl,
    authorization_endpoint: AbsoluteUrl,
    token_endpoint: AbsoluteUrl,
    jwks_uri: AbsoluteUrl,
    userinfo_endpoint: AbsoluteUrl.optional(),
    response_types_supported: z.array(z.string()).min(1),
    subject_types_supported: z.array(z.string()).min(1),
    id_token_signing_alg_values_supported: z.array(z.string()).min(1),
    scopes_supported: z.array(z.string()).optional(),
    token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
    code_challenge_methods_supported: z.array(z.string()).optional(),
  }),
);
