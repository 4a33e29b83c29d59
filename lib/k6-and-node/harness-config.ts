import { z } from 'zod';
import { AbsoluteUrl } from '../../checks/schemas/absolute-url.ts';
import { LoginDescription } from './login-description.ts';

// The configuration a scenario runs with: where the tenant is and which clients, keys and users to
// use per credential method. The CLI builds it (from the local tenant, or from the user's file and
// environment, validated with this schema) and hands it to k6 as a file read with open().
// Every client is optional: a cell whose client is not configured is reported as skipped, with why.

const ClientId = z.string().min(1);
const Url = AbsoluteUrl;
const Text = z.string().min(1);
// Base32 as lib/k6-and-node/totp.ts decodes it: spaces, dashes and padding are ignored, case does not matter.
const OtpSecret = z.string().regex(/^[A-Za-z2-7\s=-]*[A-Za-z2-7][A-Za-z2-7\s=-]*$/, {
  message: 'expected the base32 secret of an OTP authenticator (letters A-Z and digits 2-7)',
});
/**
 * The grant types the application is registered for (RFC 7591 grant_types): the suite picks, among
 * those discovery advertises, one the client lacks to provoke unauthorized_client.
 */
const GrantTypes = z.lazy(() => z.array(z.string().min(1)).optional());

/** JWS algorithms a client assertion can be signed with, each fitting one key type (lib/k6-and-node/private-key-type.ts). */
export const PRIVATE_KEY_JWT_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

const PublicClient = z.lazy(() =>
  z.object({
    clientId: ClientId,
    /** An Allowed Callback URL of the application (browser flows). */
    redirectUri: Url.optional(),
    /** An Allowed Logout URL of the application. */
    logoutUri: Url.optional(),
    grantTypes: GrantTypes,
  }),
);

const ClientWithSecret = z.lazy(() =>
  z.object({
    clientId: ClientId,
    clientSecret: Text,
    redirectUri: Url.optional(),
    logoutUri: Url.optional(),
    grantTypes: GrantTypes,
  }),
);

const PrivateKeyJwtClient = z.lazy(() =>
  z.object({
    clientId: ClientId,
    /** PKCS#8 PEM of the key registered for the application's credential: RSA, EC (P-256/384/521) or Ed25519. */
    privateKeyPem: z
      .string()
      .includes('PRIVATE KEY', { message: 'expected a PEM private key (-----BEGIN PRIVATE KEY-----)' }),
    /**
     * The assertion's JWS algorithm, which must fit the key (the CLI checks it with the key); left out,
     * the key's (RS256, the curve's ES algorithm, EdDSA), preferring one the provider advertises.
     */
    alg: z.enum(PRIVATE_KEY_JWT_ALGS).optional(),
    kid: Text.optional(),
    /** An Allowed Callback URL of the application (PAR, browser flows). */
    redirectUri: Url.optional(),
    /** An Allowed Logout URL of the application. */
    logoutUri: Url.optional(),
    grantTypes: GrantTypes,
  }),
);

const CertificatePem = z
  .string()
  .includes('BEGIN CERTIFICATE', { message: 'expected a PEM certificate (-----BEGIN CERTIFICATE-----)' });
/**
 * The application (or its API) binds access tokens to its certificate (RFC 8705 §3, Auth0's mTLS
 * sender constraining): every access token it gets must carry that certificate's cnf.x5t#S256.
 */
const CertificateBoundAccessTokens = z.boolean().default(false);

const MtlsClient = z.lazy(() =>
  z.object({
    clientId: ClientId,
    /** Leaf certificate PEM the edge forwards in `client-certificate` (docs/auth0-api.md §5). */
    certificatePem: CertificatePem,
    /** `client-certificate-ca-verified`: SUCCESS for CA-issued (tls_client_auth), FAILED for self-signed. */
    caVerified: z.enum(['SUCCESS', 'FAILED']).default('SUCCESS'),
    certificateBoundAccessTokens: CertificateBoundAccessTokens,
    /** An Allowed Callback URL of the application (PAR, browser flows). */
    redirectUri: Url.optional(),
    /** An Allowed Logout URL of the application. */
    logoutUri: Url.optional(),
    grantTypes: GrantTypes,
  }),
);

/**
 * RFC 8705 mutual TLS (tls_client_auth or self_signed_tls_client_auth registered at the server): the
 * certificate and key k6 presents in the TLS handshake (its tlsAuth option); requests go to
 * discovery's mtls_endpoint_aliases where it lists them.
 */
const MtlsHandshakeClient = z.lazy(() =>
  z.object({
    clientId: ClientId,
    /** The client certificate, PEM, leaf first (then any intermediate CA certificates). */
    certificatePem: CertificatePem,
    /** Its private key, PEM: unencrypted, or a legacy encrypted PEM with `privateKeyPassword` (what k6 decrypts). */
    privateKeyPem: z
      .string()
      .includes('PRIVATE KEY', { message: 'expected a PEM private key (-----BEGIN PRIVATE KEY-----)' }),
    privateKeyPassword: Text.optional(),
    certificateBoundAccessTokens: CertificateBoundAccessTokens,
    /** An Allowed Callback URL of the application (PAR, browser flows). */
    redirectUri: Url.optional(),
    /** An Allowed Logout URL of the application. */
    logoutUri: Url.optional(),
    grantTypes: GrantTypes,
  }),
);

export const TestUser = z.lazy(() =>
  z.object({
    /** Email or username, as the database connection takes it. */
    username: Text,
    /** The user's id (`auth0|…`): when given, tokens must carry it as sub. */
    userId: Text.optional(),
    password: Text,
    /** Base32 TOTP secret of an enrolled OTP authenticator (MFA user). */
    otpSecret: OtpSecret.optional(),
    /** A recovery code of the enrolled user (MFA user). */
    recoveryCode: Text.optional(),
  }),
);

export type TestUser = z.infer<typeof TestUser>;

/** An application with the SAML2 Web App add-on, the service provider of SP-initiated SAML. */
const SamlApplication = z.lazy(() =>
  z.object({
    clientId: ClientId,
    /** Its Assertion Consumer Service URL, where the tenant posts the SAMLResponse. */
    acsUrl: Url,
    /** Its entity id: the Issuer of its requests and the Audience of the assertions it gets. */
    entityId: z.string().min(1),
    /** Where the tenant posts the LogoutResponse of single logout; the ACS URL when absent. */
    logoutUrl: Url.optional(),
  }),
);

/** A WS-Federation relying party: wtrealm (urn:{client_id} when absent) and an allowed wreply. */
const WsFedApplication = z.lazy(() =>
  z.object({
    clientId: ClientId,
    reply: Url,
    realm: z.string().min(1).optional(),
  }),
);

/**
 * An enterprise SAML connection whose identity provider the harness plays, for IdP-initiated
 * logins at /login/callback: the key the connection's signing certificate belongs to.
 */
const SamlIdentityProvider = z.lazy(() =>
  z.object({
    connection: z.string().min(1),
    privateKeyPem: z
      .string()
      .includes('PRIVATE KEY', { message: 'expected a PEM private key (-----BEGIN PRIVATE KEY-----)' }),
    /** The base64 DER of the connection's signing certificate, put in the assertion's KeyInfo. */
    certificate: z.string().min(1).optional(),
    /** The IdP's entity id, the Issuer of its responses. */
    issuer: z.string().min(1).default('urn:auth0-harness:idp'),
    /** The tenant's entity id as the service provider: `urn:auth0:{tenant}:{connection}`. */
    spEntityId: z.string().min(1),
    /** The callback URL of the application IdP-initiated logins land in. */
    landingUrl: Url,
    /** Okta Universal Logout: the iss and sub of the bearer JWT the connection expects. */
    universalLogout: z.object({ jwtIss: z.string().min(1), jwtSub: z.string().min(1) }).optional(),
  }),
);

export const HarnessConfig = z.lazy(() =>
  z.object({
    /** Base URL of the Authentication API, e.g. https://tenant.eu.auth0.com (no trailing slash). */
    baseUrl: Url.transform((u) => u.replace(/\/+$/, '')),
    /** The issuer tokens must carry: `https://{domain}/` with the trailing slash (docs/auth0-api.md §2.2). */
    issuer: Url,
    /** API identifier (audience) tokens are asked for. */
    audience: Text,
    profile: z.enum(['auth0', 'oidc']).default('auth0'),
    /** Custom-domain API key the mTLS edge sends as `cname-api-key` (docs/auth0-api.md §5). */
    customDomainApiKey: Text.optional(),
    /**
     * k6's insecureSkipTLSVerify for the run: accept the target's TLS certificates unverified. For a
     * target whose CA the machine does not trust (the local tenant's mTLS listener); k6 has no option
     * to trust one CA more.
     */
    insecureSkipTLSVerify: z.boolean().default(false),
    clients: z.object({
      /** Public application (SPA/native): PKCE, refresh with rotation, passwordless, device flow. */
      none: PublicClient.optional(),
      client_secret_post: ClientWithSecret.optional(),
      client_secret_basic: ClientWithSecret.optional(),
      private_key_jwt: PrivateKeyJwtClient.optional(),
      tls_client_auth: MtlsClient.optional(),
      mtls_handshake: MtlsHandshakeClient.optional(),
      /** Device-flow application (public, device_code grant). */
      device: PublicClient.optional(),
      /** CIBA application (confidential). */
      ciba: ClientWithSecret.optional(),
      /**
       * A legacy application, not OIDC-conformant (docs/auth0-api.md §1.2): the legacy endpoints'
       * success paths, where the tenant still offers them.
       */
      legacy: PublicClient.optional(),
    }),
    connections: z
      .object({
        database: Text.default('Username-Password-Authentication'),
        passwordlessEmail: Text.default('email'),
        passwordlessSms: Text.default('sms'),
      })
      .prefault({}),
    /** SAML and WS-Federation: the tenant as identity provider, and as service provider. */
    federation: z
      .object({
        saml: SamlApplication.optional(),
        wsfed: WsFedApplication.optional(),
        identityProvider: SamlIdentityProvider.optional(),
      })
      .prefault({}),
    users: z
      .object({
        plain: TestUser.optional(),
        mfa: TestUser.optional(),
        blocked: TestUser.optional(),
      })
      .prefault({}),
    /**
     * How to get through the provider's login pages (lib/k6-and-node/login-description.ts). The auth0 profile and
     * the local tenant default to the Universal-Login preset; without one, the oidc profile's browser
     * flows are skipped with that reason.
     */
    login: LoginDescription.optional(),
    /**
     * Present only when the target is the local tenant: its loopback control API (`/__tenant/…`),
     * e.g. the outbox where emailed and texted codes land.
     */
    localTenant: z.object({ controlUrl: Url }).optional(),
  }),
);

export type HarnessConfig = z.infer<typeof HarnessConfig>;
export type HarnessConfigInput = z.input<typeof HarnessConfig>;
