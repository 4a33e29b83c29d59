import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { HarnessConfigInput } from '../../lib/harness-config.ts';

// A standards OpenID provider (panva's oidc-provider 8) on loopback, with one client per credential
// method the oidc profile covers, for proving that profile against something that is not Auth0.

export interface RunningProvider {
  issuer: string;
  /** The harness configuration for it, as a user would write it (key as a file path is the CLI's job). */
  harnessConfig: HarnessConfigInput;
  close(): Promise<void>;
}

const AUDIENCE = 'https://api.harness.example/';
const CALLBACK = 'https://app.harness.example/callback';

export async function startOidcProvider(): Promise<RunningProvider> {
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const secret = () => randomBytes(24).toString('base64url');
  const confidential = {
    grant_types: ['client_credentials', 'authorization_code'],
    response_types: ['code'],
    redirect_uris: [CALLBACK],
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
      token_endpoint_auth_signing_alg: 'RS256',
      jwks: { keys: [{ ...(clientKey.publicKey.export({ format: 'jwk' }) as object), use: 'sig', alg: 'RS256' }] },
      ...confidential,
    },
    spa: {
      client_id: 'oidc-spa',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [CALLBACK],
    },
    device: {
      client_id: 'oidc-device',
      token_endpoint_auth_method: 'none',
      grant_types: ['urn:ietf:params:oauth:grant-type:device_code'],
      response_types: [],
      redirect_uris: [],
    },
  };

  // The issuer needs the port, so listen first and mount the provider's callback afterwards.
  const { createServer } = await import('node:http');
  let handler:
    ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | undefined;
  const server = createServer((req, res) => handler?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: Object.values(clients),
    jwks: {
      keys: [
        {
          ...(signing.privateKey.export({ format: 'jwk' }) as object),
          kid: 'oidc-key-1',
          use: 'sig',
          alg: 'RS256',
        } as never,
      ],
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      deviceFlow: { enabled: true },
      revocation: { enabled: true },
      registration: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'read:things',
          audience: AUDIENCE,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    pkce: { required: () => true },
  });
  handler = provider.callback();

  return {
    issuer,
    harnessConfig: {
      baseUrl: issuer,
      issuer,
      audience: AUDIENCE,
      profile: 'oidc',
      clients: {
        none: { clientId: clients.spa.client_id, redirectUri: CALLBACK },
        client_secret_post: {
          clientId: clients.post.client_id,
          clientSecret: clients.post.client_secret,
          redirectUri: CALLBACK,
        },
        client_secret_basic: {
          clientId: clients.basic.client_id,
          clientSecret: clients.basic.client_secret,
          redirectUri: CALLBACK,
        },
        private_key_jwt: {
          clientId: clients.pkj.client_id,
          privateKeyPem: clientKey.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
          alg: 'RS256',
          redirectUri: CALLBACK,
        },
        device: { clientId: clients.device.client_id },
      },
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
