import { createPrivateKey, randomUUID } from 'node:crypto';
import https from 'node:https';
import { SignJWT } from 'jose';
import type { RunningTenant } from '../../tenant/start-tenant.ts';
import type { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';
import { HarnessConfig as HarnessConfigSchema } from '../../lib/k6-and-node/harness-config.ts';

// Request builders the tenant tests share: form and JSON posts, each credential method's parts.

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: parsedJson(text) };
}

export async function postForm(
  url: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return answer(
    await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(params),
    }),
  );
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(
    await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  );
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(await fetch(url, { redirect: 'manual', headers }));
}

export const basic = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
});
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function configOf(tenant: RunningTenant): HarnessConfig {
  return HarnessConfigSchema.parse(tenant.harnessConfig());
}

/** A client_credentials token request from the client_secret_post client, for the configured audience. */
export function clientCredentialsPost(tenant: RunningTenant, config: HarnessConfig): Promise<Answer> {
  const { clientId, clientSecret } = config.clients.client_secret_post!;
  return postForm(`${tenant.url}/oauth/token`, {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret!,
    audience: config.audience!,
  });
}

export async function clientAssertion(
  config: HarnessConfig,
  claims: Record<string, unknown> = {},
  alg?: string,
): Promise<string> {
  const client = config.clients.private_key_jwt!;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: alg ?? client.alg ?? 'RS256' })
    .setIssuer((claims.iss as string) ?? client.clientId)
    .setSubject((claims.sub as string) ?? client.clientId)
    .setAudience((claims.aud as string) ?? config.issuer)
    .setIssuedAt((claims.iat as number) ?? now)
    .setExpirationTime((claims.exp as number) ?? now + 60)
    .sign(createPrivateKey(client.privateKeyPem));
}

export function mtlsHeaders(config: HarnessConfig, overrides: Record<string, string> = {}): Record<string, string> {
  const client = config.clients.tls_client_auth!;
  return {
    'cname-api-key': config.customDomainApiKey!,
    'client-certificate': encodeURIComponent(client.certificatePem),
    'client-certificate-ca-verified': client.caVerified,
    ...overrides,
  };
}

export function decodeJwt(token: string): { header: any; payload: any } {
  const [h, p] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString()),
  };
}

/** What a TLS client presents and trusts: an optional client certificate, and the CA of the server's. */
export interface TlsClientCredentials {
  ca: string;
  cert?: string;
  key?: string;
}

/** A form POST over HTTPS (fetch takes no client certificate), one connection per request. */
export function postFormOverTls(
  url: string,
  params: Record<string, string>,
  tls: TlsClientCredentials,
): Promise<Answer> {
  const body = new URLSearchParams(params).toString();
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'POST',
        agent: false,
        ...tls,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers))
            if (typeof value === 'string') headers.set(name, value);
          resolve({ status: res.statusCode ?? 0, headers, text, json: parsedJson(text) });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
