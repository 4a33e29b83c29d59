import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { ApplicationFixture, TenantFixtureParsed, UserFixture } from './fixture.ts';
import { newTotpSecret } from '../lib/totp.ts';
import { parseCertificate, selfSignedClientCertificate } from './x509-certificates.ts';

/** A fixture with every secret, password and key present: what the running tenant serves. */
export type TenantFixture = Omit<TenantFixtureParsed, 'applications' | 'connections' | 'customDomainApiKey'> & {
  applications: Application[];
  connections: Omit<TenantFixtureParsed['connections'], 'database'> & { database: { name: string; users: User[] } };
  customDomainApiKey: string;
};

export type Application = ApplicationFixture & {
  /** private_key_jwt: the PKCS#8 PEM matching the registered public key, when this start generated it. */
  generatedPrivateKeyPem?: string;
};
export type User = UserFixture & { password: string; mfa?: { otpSecret: string; recoveryCode: string } };

const secret = (): string => randomBytes(32).toString('base64url');
const NEEDS_SECRET = new Set(['client_secret_post', 'client_secret_basic']);

async function materialiseApplication(app: ApplicationFixture): Promise<Application> {
  const out: Application = { ...app };
  if (!out.clientSecret && (NEEDS_SECRET.has(app.tokenEndpointAuthMethod) || app.idTokenSigningAlg === 'HS256'))
    out.clientSecret = secret();
  if (app.tokenEndpointAuthMethod === 'private_key_jwt' && !app.privateKeyJwt?.publicKeyPem) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    out.privateKeyJwt = {
      alg: app.privateKeyJwt?.alg ?? 'RS256',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
    out.generatedPrivateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
  const mtlsMethod =
    app.tokenEndpointAuthMethod === 'tls_client_auth' || app.tokenEndpointAuthMethod === 'self_signed_tls_client_auth';
  if (mtlsMethod && !app.mtls?.certificatePem && !app.mtls?.subjectDn) {
    const { certificatePem, subjectDn } = await selfSignedClientCertificate(`CN=${app.clientId}`);
    out.mtls = { certificatePem, subjectDn };
  } else if (app.mtls?.certificatePem && !app.mtls.subjectDn) {
    out.mtls = { ...app.mtls, subjectDn: parseCertificate(app.mtls.certificatePem)?.subjectDn };
  }
  return out;
}

// Passwords satisfy the "fair" policy the tenant enforces at signup (lower, upper, digits, length).
const password = (): string => `Pw1-${randomBytes(12).toString('base64url')}`;

function materialiseUser(user: UserFixture): User {
  return {
    ...user,
    password: user.password ?? password(),
    mfa: user.mfa
      ? {
          otpSecret: user.mfa.otpSecret ?? newTotpSecret(),
          recoveryCode: user.mfa.recoveryCode ?? randomBytes(12).toString('hex').toUpperCase(),
        }
      : undefined,
  };
}

export async function materialiseFixture(parsed: TenantFixtureParsed): Promise<TenantFixture> {
  return {
    ...parsed,
    applications: await Promise.all(parsed.applications.map(materialiseApplication)),
    connections: {
      ...parsed.connections,
      database: { ...parsed.connections.database, users: parsed.connections.database.users.map(materialiseUser) },
    },
    customDomainApiKey: parsed.customDomainApiKey ?? secret(),
  };
}
