import { z } from 'zod';
import { RateLimitSettings } from './rate-limit/rate-limit-settings.ts';

// The tenant's configuration as a user writes it (JSON, `--config`). Secrets, passwords and keys may
// be left out: materialiseFixture() draws them afresh at every start, so a secret found in a report
// can only have leaked from this run.

const Url = z.url();
const CertificatePem = z
  .string()
  .includes('BEGIN CERTIFICATE', { message: 'expected a PEM certificate (-----BEGIN CERTIFICATE-----)' });

const AUTH_METHODS = [
  'none',
  'client_secret_post',
  'client_secret_basic',
  'private_key_jwt',
  'tls_client_auth',
  'self_signed_tls_client_auth',
] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export const ApplicationFixture = z.object({
  clientId: z.string().min(1).max(64),
  name: z.string().min(1),
  appType: z.enum(['spa', 'native', 'regular_web', 'non_interactive']),
  tokenEndpointAuthMethod: z.enum(AUTH_METHODS),
  clientSecret: z.string().min(1).optional(),
  grantTypes: z.array(z.string().min(1)),
  callbacks: z.array(Url).default([]),
  allowedLogoutUrls: z.array(Url).default([]),
  /** Allowed Origins for /co/authenticate (cross-origin authentication). */
  allowedOrigins: z.array(z.string()).default([]),
  crossOriginAuthentication: z.boolean().default(false),
  idTokenSigningAlg: z.enum(['RS256', 'HS256']).default('RS256'),
  /** OIDC-conformant apps are refused by the legacy endpoints (docs/auth0-api.md §1.2, §3.9). */
  oidcConformant: z.boolean().default(true),
  refreshTokenRotation: z.boolean().default(false),
  refreshTokenReuseLeewaySeconds: z.number().int().min(0).default(0),
  /** "Trust Token Endpoint IP Header": honour auth0-forwarded-for (docs/auth0-api.md §4.5). */
  trustTokenEndpointIpHeader: z.boolean().default(false),
  /** client_credentials grants: the APIs this client may ask for, with the scopes granted. */
  clientGrants: z.array(z.object({ audience: z.string().min(1), scopes: z.array(z.string()) })).default([]),
  /** SAML2 Web App add-on: where assertions are posted (ACS URL) and the audience they carry. */
  samlp: z
    .object({
      callbackUrl: Url,
      audience: z.string().min(1).optional(),
      /** Where the LogoutResponse of single logout is posted; the ACS URL when absent. */
      logoutUrl: Url.optional(),
    })
    .optional(),
  privateKeyJwt: z
    .object({
      publicKeyPem: z
        .string()
        .includes('PUBLIC KEY', { message: 'expected a PEM public key (-----BEGIN PUBLIC KEY-----)' })
        .optional(),
      alg: z.enum(['RS256', 'RS384', 'PS256']).default('RS256'),
    })
    .optional(),
  mtls: z
    .object({
      /** tls_client_auth: the certificate subject DN the edge-verified certificate must carry. */
      subjectDn: z.string().optional(),
      /**
       * tls_client_auth: a subjectAltName the certificate must carry instead of the subject DN, the one
       * name of RFC 8705 §2.1.2 (tls_client_auth_san_dns, _uri, _ip or _email).
       */
      san: z.object({ type: z.enum(['dns', 'uri', 'ip', 'email']), value: z.string().min(1) }).optional(),
      /** self_signed_tls_client_auth (or the generated tls_client_auth cert): the registered leaf PEM. */
      certificatePem: CertificatePem.optional(),
    })
    .optional(),
  /**
   * RFC 8705 §3.4 client metadata: access tokens issued to a request that presented a client
   * certificate are bound to it (cnf.x5t#S256), whatever the client authenticated with.
   */
  tlsClientCertificateBoundAccessTokens: z.boolean().default(false),
});

export const ApiFixture = z.object({
  identifier: z.string().min(1),
  name: z.string().default('API'),
  scopes: z.array(z.string()),
  tokenLifetimeSeconds: z.number().int().positive().max(2592000).default(86400),
  allowOfflineAccess: z.boolean().default(true),
  rbac: z.boolean().default(false),
  addPermissionsInToken: z.boolean().default(false),
  /**
   * `access_token` is Auth0's profile; `rfc9068_profile` adds jti/client_id and typ at+jwt
   * (docs/auth0-api.md §2.3).
   */
  tokenDialect: z.enum(['access_token', 'rfc9068_profile']).default('access_token'),
  /**
   * Auth0's sender constraining of an API ("proof_of_possession", docs/auth0-api.md §2.3): with mtls,
   * its access tokens are bound to the client certificate the token request presented.
   */
  proofOfPossession: z.object({ mechanism: z.literal('mtls') }).optional(),
});

export const UserFixture = z.object({
  userId: z.string().regex(/^[a-z0-9-]+\|.+$/, 'expected "{provider}|{id}", e.g. auth0|5f1c…'),
  email: z.email(),
  username: z.string().optional(),
  password: z.string().min(1).optional(),
  name: z.string().optional(),
  emailVerified: z.boolean().default(true),
  blocked: z.boolean().default(false),
  phoneNumber: z
    .string()
    .regex(/^\+[0-9]{1,15}$/)
    .optional(),
  /** RBAC permissions per API identifier. */
  permissions: z.record(z.string(), z.array(z.string())).default({}),
  mfa: z
    .object({
      /** Base32 TOTP secret of the enrolled OTP authenticator; drawn at start when absent. */
      otpSecret: z.string().optional(),
      recoveryCode: z.string().optional(),
    })
    .optional(),
});

const SamlConnectionFixture = z.object({
  name: z.string().min(1),
  /**
   * The IdP's signing certificate (PEM): responses must carry a signature it verifies. When absent, a
   * key and certificate are drawn at start, and the key goes to the harness configuration, which then
   * plays the identity provider.
   */
  signingCertificatePem: z
    .string()
    .includes('BEGIN CERTIFICATE', { message: 'expected a PEM certificate (-----BEGIN CERTIFICATE-----)' })
    .optional(),
  /** IdP-initiated SSO: the application the user lands in and the /authorize parameters used for it. */
  idpInitiated: z.object({ clientId: z.string().min(1), query: z.string().default('response_type=code') }).optional(),
  /**
   * Okta Universal Logout: the iss and sub the identity provider's bearer JWT must carry at
   * /oauth/global-token-revocation/connection/{name}; signed with the connection's key.
   */
  globalTokenRevocation: z.object({ jwtIss: z.string().min(1), jwtSub: z.string().min(1) }).optional(),
});

export const TenantFixtureInput = z.object({
  applications: z.array(ApplicationFixture).min(1),
  apis: z.array(ApiFixture).min(1),
  /** Default audience when a request names none (the tenant's "Default Audience"); unset = opaque tokens. */
  defaultAudience: z.string().optional(),
  connections: z
    .object({
      database: z
        .object({
          name: z.string().default('Username-Password-Authentication'),
          users: z.array(UserFixture).default([]),
        })
        .prefault({}),
      passwordless: z.object({ email: z.string().default('email'), sms: z.string().default('sms') }).prefault({}),
      /** SAML enterprise connections: identity providers whose responses arrive at /login/callback. */
      saml: z.array(SamlConnectionFixture).default([]),
    })
    .prefault({}),
  /** Custom-domain API key the mTLS edge must present as cname-api-key; drawn at start when absent. */
  customDomainApiKey: z.string().optional(),
  /**
   * CAs whose client certificates tls_client_auth accepts in the TLS handshake, besides the CA the
   * tenant makes at every start (which issues the generated client certificates).
   */
  mtlsCaCertificatePems: z.array(CertificatePem).default([]),
  /** Tenant-level Allowed Logout URLs (used by /v2/logout without client_id). */
  allowedLogoutUrls: z.array(Url).default([]),
  rateLimits: RateLimitSettings.prefault({}),
  device: z
    .object({
      intervalSeconds: z.number().int().min(0).default(5),
      expiresInSeconds: z.number().int().positive().default(900),
    })
    .prefault({}),
  ciba: z
    .object({
      intervalSeconds: z.number().int().min(0).default(5),
      expiresInSeconds: z.number().int().positive().default(300),
    })
    .prefault({}),
  features: z
    .object({
      dynamicClientRegistration: z.boolean().default(true),
      /**
       * Legacy endpoints (docs/auth0-api.md §1.2): off answers 404 endpoint_disabled, as on tenants
       * created after 2017.
       */
      legacy: z
        .object({
          oauthRo: z.boolean().default(true),
          tokeninfo: z.boolean().default(true),
          delegation: z.boolean().default(true),
          oauthAccessToken: z.boolean().default(true),
          ssodata: z.boolean().default(true),
          unlink: z.boolean().default(true),
          impersonation: z.boolean().default(true),
          passwordlessVerify: z.boolean().default(true),
        })
        .prefault({}),
      samlp: z.boolean().default(true),
      wsfed: z.boolean().default(true),
    })
    .prefault({}),
});

export type TenantFixtureInput = z.input<typeof TenantFixtureInput>;
export type ApplicationFixture = z.infer<typeof ApplicationFixture>;
export type ApiFixture = z.infer<typeof ApiFixture>;
export type UserFixture = z.infer<typeof UserFixture>;
export type TenantFixtureParsed = z.infer<typeof TenantFixtureInput>;

/** A problem with a fixture file, phrased as one sentence per field. */
class FixtureError extends Error {}

export function parseFixture(value: unknown, source = 'fixture'): TenantFixtureParsed {
  const result = TenantFixtureInput.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new FixtureError(`${source} is not a valid tenant fixture:\n  ${problems.join('\n  ')}`);
}
