import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { HarnessConfigInput } from '../../lib/k6-and-node/harness-config.ts';

// A standards OpenID provider (panva's oidc-provider 8) on loopback, with one client per credential
// method the oidc profile covers, configured as the test asks: its signing keys (in JWKS order) and
// algorithms, the key of the private_key_jwt client, the device grant, refresh token rotation and
// its development login pages. The harness configuration is what a user of such a provider writes.

export type KeyKind = 'rsa' | 'ec-p256' | 'ed25519';

export interface ProviderSetup {
  /** The provider's signing keys, in the order its JWKS lists them, each with the one alg it signs. */
  signingKeys: { kind: KeyKind; alg: string }[];
  /** What ID tokens are signed with (every client's id_token_signed_response_alg). */
  idTokenAlg: string;
  /** What the API's JWT access tokens (RFC 9068, by resource indicator) are signed with. */
  accessTokenAlg: string;
  /** The key of the private_key_jwt client; its assertions' alg is left to the harness. */
  clientKey: KeyKind;
  deviceFlow: boolean;
  /** Rotate every refresh token on use (oidc-provider rotates public clients' by default). */
  rotateEveryRefreshToken?: boolean;
  /** devInteractions (login, then consent) and the harness's login description for them. */
  loginPages: boolean;
}

export interface RunningProvider {
  issuer: string;
  /** The harness configuration for it, as a user would write it (key as a file path is the CLI's job). */
  harnessConfig: HarnessConfigInput;
  close(): Promise<void>;
}

const AUDIENCE = 'https://api.harness.example/';
const CALLBACK = 'https://app.harness.example/callback';
const LOGGED_OUT = 'https://app.harness.example/logged-out';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
// devInteractions take any login and password; the login is the account id, so it is the sub.
const USER = { username: 'harness-user', userId: 'harness-user', password: 'any-password-will-do' };

function keyPair(kind: KeyKind): { privateKey: KeyObject; publicKey: KeyObject } {
  if (kind === 'rsa') return generateKeyPairSync('rsa', { modulusLength: 2048 });
  if (kind === 'ec-p256') return generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return generateKeyPairSync('ed25519');
}

export async function startOidcProvider(setup: ProviderSetup): Promise<RunningProvider> {
  const clientKey = keyPair(setup.clientKey);
  const clientKeyAlg = { rsa: 'RS256', 'ec-p256': 'ES256', ed25519: 'EdDSA' }[setup.clientKey];
  const secret = () => randomBytes(24).toString('base64url');
  const confidential = {
    grant_types: ['client_credentials', 'authorization_code'],
    response_types: ['code'],
    redirect_uris: [CALLBACK],
    id_token_signed_response_alg: setup.idTokenAlg,
  };
  const clients = {
    post: {
      client_id: 'oidc-post',
      client_secret: secret(),
      token_endpoint_auth_method: 'client_secret_post',
      ...confidential,
    },
    basic: {
      client_id: 'oidc-basic',
      client_secret: secret(),
      token_endpoint_auth_method: 'client_secret_basic',
      ...confidential,
    },
    pkj: {
      client_id: 'oidc-pkj',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: clientKeyAlg,
      jwks: { keys: [{ ...(clientKey.publicKey.export({ format: 'jwk' }) as object), use: 'sig' }] },
      ...confidential,
    },
    spa: {
      client_id: 'oidc-spa',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [CALLBACK],
      post_logout_redirect_uris: [LOGGED_OUT],
      id_token_signed_response_alg: setup.idTokenAlg,
    },
    device: {
      client_id: 'oidc-device',
      token_endpoint_auth_method: 'none',
      grant_types: [DEVICE_GRANT],
      response_types: [],
      redirect_uris: [],
      id_token_signed_response_alg: setup.idTokenAlg,
    },
  };

  // The issuer needs the port, so listen first and mount the provider's callback afterwards.
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => handler?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: setup.deviceFlow ? Object.values(clients) : Object.values(clients).filter((c) => c !== clients.device),
    jwks: {
      keys: setup.signingKeys.map(({ kind, alg }, i) => ({
        ...(keyPair(kind).privateKey.export({ format: 'jwk' }) as object),
        kid: `oidc-key-${i + 1}`,
        use: 'sig',
        alg,
      })),
    },
    enabledJWA: {
      idTokenSigningAlgValues: [setup.idTokenAlg],
      clientAuthSigningAlgValues: [clientKeyAlg, 'RS256'],
    },
    ...(setup.rotateEveryRefreshToken ? { rotateRefreshToken: true } : {}),
    features: {
      devInteractions: { enabled: setup.loginPages },
      clientCredentials: { enabled: true },
      deviceFlow: { enabled: setup.deviceFlow },
      revocation: { enabled: true },
      registration: { enabled: true },
      resourceIndicators: {
        enabled: true,
        getResourceServerInfo: () => ({
          scope: 'read:things',
          audience: AUDIENCE,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: setup.accessTokenAlg } },
        }),
      },
    },
  });
  handler = provider.callback();

  const confidentialGrants = { grantTypes: confidential.grant_types, redirectUri: CALLBACK };
  return {
    issuer,
    harnessConfig: {
      baseUrl: issuer,
      issuer,
      audience: AUDIENCE,
      profile: 'oidc',
      clients: {
        none: {
          clientId: clients.spa.client_id,
          redirectUri: CALLBACK,
          logoutUri: LOGGED_OUT,
          grantTypes: clients.spa.grant_types,
        },
        client_secret_post: {
          clientId: clients.post.client_id,
          clientSecret: clients.post.client_secret,
          ...confidentialGrants,
        },
        client_secret_basic: {
          clientId: clients.basic.client_id,
          clientSecret: clients.basic.client_secret,
          ...confidentialGrants,
        },
        private_key_jwt: {
          clientId: clients.pkj.client_id,
          privateKeyPem: clientKey.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
          ...confidentialGrants,
        },
        // Configured as a user of the device grant would, whether or not this provider offers it.
        device: { clientId: clients.device.client_id },
      },
      users: { plain: USER },
      ...(setup.loginPages ? { login: { preset: 'oidc-provider-dev-interactions' as const } } : {}),
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The configurations the oidc profile is proven against (test/conformance/oidc-provider*.test.ts). */
export const PROVIDER_SETUPS = {
  /** One RSA key signing everything with RS256; the device grant; no login pages. */
  rsaOnly: {
    signingKeys: [{ kind: 'rsa', alg: 'RS256' }],
    idTokenAlg: 'RS256',
    accessTokenAlg: 'RS256',
    clientKey: 'rsa',
    deviceFlow: true,
    loginPages: false,
  },
  /** An EC P-256 key listed first, then RSA; ES256 access tokens, RS256 ID tokens; no device grant. */
  ecFirst: {
    signingKeys: [
      { kind: 'ec-p256', alg: 'ES256' },
      { kind: 'rsa', alg: 'RS256' },
    ],
    idTokenAlg: 'RS256',
    accessTokenAlg: 'ES256',
    clientKey: 'ec-p256',
    deviceFlow: false,
    loginPages: false,
  },
  /** Ed25519 then RSA for PS256: EdDSA access tokens, PS256 ID tokens, rotation, the login driver. */
  eddsa: {
    signingKeys: [
      { kind: 'ed25519', alg: 'EdDSA' },
      { kind: 'rsa', alg: 'PS256' },
    ],
    idTokenAlg: 'PS256',
    accessTokenAlg: 'EdDSA',
    clientKey: 'ed25519',
    deviceFlow: true,
    rotateEveryRefreshToken: true,
    loginPages: true,
  },
} satisfies Record<string, ProviderSetup>;
