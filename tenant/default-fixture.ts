import { GRANT_TYPE } from '../lib/k6-and-node/grant-types.ts';
import type { TenantFixtureInput } from './fixture.ts';

// The built-in tenant: one application per credential method, two APIs (Auth0 and RFC 9068 token
// profiles), a database connection with a plain, an MFA-enrolled and a blocked user, and the
// passwordless connections. Secrets, passwords and keys are left out on purpose: they are drawn at
// every start (materialiseFixture).

const DEFAULT_API = 'https://api.harness.local/';
export const RFC9068_API = 'https://rfc9068.harness.local/';
const APP_ORIGIN = 'https://app.harness.local';

const userGrants = [
  GRANT_TYPE.password,
  GRANT_TYPE.passwordRealm,
  GRANT_TYPE.refreshToken,
  GRANT_TYPE.mfaOtp,
  GRANT_TYPE.mfaOob,
  GRANT_TYPE.mfaRecoveryCode,
  GRANT_TYPE.passwordlessOtp,
];
// CIBA is on for every confidential client, so /bc-authorize can be exercised with each credential method.
const confidentialGrants = [
  GRANT_TYPE.clientCredentials,
  GRANT_TYPE.authorizationCode,
  GRANT_TYPE.implicit,
  GRANT_TYPE.ciba,
  ...userGrants,
];
const allApis = [
  { audience: DEFAULT_API, scopes: ['read:things', 'write:things'] },
  { audience: RFC9068_API, scopes: ['read:things'] },
];
const browser = (path: string) => ({
  callbacks: [`${APP_ORIGIN}/${path}/callback`],
  allowedLogoutUrls: [`${APP_ORIGIN}/${path}/logged-out`],
  allowedOrigins: [APP_ORIGIN],
});

export function defaultFixtureInput(): TenantFixtureInput {
  return {
    applications: [
      {
        clientId: 'spa-public',
        name: 'SPA (public, PKCE)',
        appType: 'spa',
        tokenEndpointAuthMethod: 'none',
        grantTypes: [GRANT_TYPE.authorizationCode, GRANT_TYPE.implicit, ...userGrants],
        refreshTokenRotation: true,
        crossOriginAuthentication: true,
        ...browser('spa'),
      },
      {
        clientId: 'native-public',
        name: 'Native (public)',
        appType: 'native',
        tokenEndpointAuthMethod: 'none',
        grantTypes: [GRANT_TYPE.authorizationCode, ...userGrants],
        refreshTokenRotation: true,
        ...browser('native'),
      },
      {
        clientId: 'webapp-post',
        name: 'Regular web app (client_secret_post)',
        appType: 'regular_web',
        tokenEndpointAuthMethod: 'client_secret_post',
        grantTypes: confidentialGrants,
        clientGrants: allApis,
        crossOriginAuthentication: true,
        ...browser('webapp'),
      },
      {
        clientId: 'm2m-basic',
        name: 'M2M (client_secret_basic)',
        appType: 'non_interactive',
        tokenEndpointAuthMethod: 'client_secret_basic',
        grantTypes: confidentialGrants,
        clientGrants: allApis,
        ...browser('basic'),
      },
      {
        clientId: 'm2m-private-key-jwt',
        name: 'M2M (private_key_jwt)',
        appType: 'non_interactive',
        tokenEndpointAuthMethod: 'private_key_jwt',
        grantTypes: confidentialGrants,
        clientGrants: allApis,
        privateKeyJwt: { alg: 'RS256' },
        ...browser('pkj'),
      },
      {
        clientId: 'm2m-mtls',
        name: 'M2M (tls_client_auth)',
        appType: 'non_interactive',
        tokenEndpointAuthMethod: 'tls_client_auth',
        grantTypes: confidentialGrants,
        clientGrants: allApis,
        mtls: {},
        tlsClientCertificateBoundAccessTokens: true,
        ...browser('mtls'),
      },
      {
        clientId: 'm2m-mtls-self-signed',
        name: 'M2M (self_signed_tls_client_auth)',
        appType: 'non_interactive',
        tokenEndpointAuthMethod: 'self_signed_tls_client_auth',
        grantTypes: confidentialGrants,
        clientGrants: allApis,
        mtls: {},
        tlsClientCertificateBoundAccessTokens: true,
        ...browser('mtls-self-signed'),
      },
      {
        clientId: 'device-app',
        name: 'Device (device_code)',
        appType: 'native',
        tokenEndpointAuthMethod: 'none',
        grantTypes: [GRANT_TYPE.deviceCode, GRANT_TYPE.refreshToken],
      },
      {
        clientId: 'ciba-app',
        name: 'CIBA (client_secret_post)',
        appType: 'regular_web',
        tokenEndpointAuthMethod: 'client_secret_post',
        grantTypes: [GRANT_TYPE.ciba, GRANT_TYPE.refreshToken],
      },
      {
        clientId: 'saml-app',
        name: 'SAML and WS-Fed relying party',
        appType: 'regular_web',
        tokenEndpointAuthMethod: 'client_secret_post',
        grantTypes: [],
        samlp: {
          callbackUrl: 'https://sp.harness.local/saml/acs',
          audience: 'urn:harness:sp',
          logoutUrl: 'https://sp.harness.local/saml/logout',
        },
        callbacks: ['https://sp.harness.local/wsfed/callback'],
      },
      {
        clientId: 'legacy-app',
        name: 'Legacy (not OIDC-conformant)',
        appType: 'regular_web',
        tokenEndpointAuthMethod: 'client_secret_post',
        grantTypes: [GRANT_TYPE.password, GRANT_TYPE.authorizationCode],
        oidcConformant: false,
        ...browser('legacy'),
      },
    ],
    apis: [
      {
        identifier: DEFAULT_API,
        name: 'Harness API',
        scopes: ['read:things', 'write:things'],
        rbac: true,
        addPermissionsInToken: true,
      },
      {
        identifier: RFC9068_API,
        name: 'Harness API (RFC 9068 profile)',
        scopes: ['read:things'],
        tokenDialect: 'rfc9068_profile',
        // Its tokens are bound to the certificate any client presents on the mTLS listener.
        proofOfPossession: { mechanism: 'mtls' },
      },
    ],
    connections: {
      database: {
        name: 'Username-Password-Authentication',
        users: [
          {
            userId: 'auth0|64b0c0ffee0000000000a001',
            email: 'plain@harness.local',
            name: 'Plain User',
            permissions: { [DEFAULT_API]: ['read:things'] },
          },
          {
            userId: 'auth0|64b0c0ffee0000000000a002',
            email: 'mfa@harness.local',
            name: 'MFA User',
            phoneNumber: '+15550100002',
            mfa: {},
          },
          {
            userId: 'auth0|64b0c0ffee0000000000a003',
            email: 'blocked@harness.local',
            name: 'Blocked User',
            blocked: true,
          },
        ],
      },
      // An enterprise SAML connection whose identity provider the harness plays (its key is drawn
      // at start): IdP-initiated logins land in the regular web app with a code.
      saml: [
        {
          name: 'harness-saml-idp',
          idpInitiated: { clientId: 'webapp-post', query: 'response_type=code&scope=openid' },
          globalTokenRevocation: { jwtIss: 'urn:auth0-harness:idp', jwtSub: 'urn:auth0-harness:idp' },
        },
      ],
    },
    allowedLogoutUrls: [`${APP_ORIGIN}/logged-out`],
  };
}
