import { randomBytes } from 'node:crypto';
import type { ApplicationFixture, TenantFixtureParsed, UserFixture } from './fixture.ts';
import { generateSigningKey, newRsaKeyPair } from './signing-keys.ts';
import { newTotpSecret } from '../lib/k6-and-node/totp.ts';
import {
  CertificateAuthority,
  parseCertificate,
  selfSignedClientCertificate,
  type KeyedCertificate,
} from './x509-certificates.ts';

/** A fixture with every secret, password and key present: what the running tenant serves. */
export type TenantFixture = Omit<TenantFixtureParsed, 'applications' | 'connections' | 'customDomainApiKey'> & {
  applications: Application[];
  connections: Omit<TenantFixtureParsed['connections'], 'database' | 'saml'> & {
    database: { name: string; users: User[] };
    saml: SamlConnection[];
  };
  customDomainApiKey: string;
  /** The tenant's own test CA, made at every start: it issues the mTLS listener's and the clients' certificates. */
  certificateAuthority: CertificateAuthority;
};

export type Application = ApplicationFixture & {
  /** private_key_jwt: the PKCS#8 PEM matching the registered public key, when this start generated it. */
  generatedPrivateKeyPem?: string;
  /** mTLS: the PKCS#8 PEM of the client certificate's key, when this start made the certificate. */
  generatedCertificateKeyPem?: string;
};
type SamlConnection = TenantFixtureParsed['connections']['saml'][number] & {
  signingCertificatePem: string;
  /** The identity provider's PKCS#8 key, when this start drew it (the harness then plays the IdP). */
  generatedPrivateKeyPem?: string;
};
export type User = UserFixture & { password: string; mfa?: { otpSecret: string; recoveryCode: string } };

const secret = (): string => randomBytes(32).toString('base64url');
const NEEDS_SECRET = new Set(['client_secret_post', 'client_secret_basic']);

async function materialiseSamlConnection(
  connection: TenantFixtureParsed['connections']['saml'][number],
): Promise<SamlConnection> {
  if (connection.signingCertificatePem)
    return { ...connection, signingCertificatePem: connection.signingCertificatePem };
  const key = await generateSigningKey(`${connection.name}.idp.harness.local`);
  const der = (key.publicJwk.x5c as string[])[0];
  return {
    ...connection,
    signingCertificatePem: `-----BEGIN CERTIFICATE-----\n${der}\n-----END CERTIFICATE-----\n`,
    generatedPrivateKeyPem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** A client certificate for an mTLS application: issued by the tenant's CA (tls_client_auth), or self-signed. */
function clientCertificate(app: ApplicationFixture, authority: CertificateAuthority): Promise<KeyedCertificate> {
  const subject = `CN=${app.clientId}`;
  const san = app.mtls?.san ? [app.mtls.san] : [];
  return app.tokenEndpointAuthMethod === 'tls_client_auth'
    ? authority.issue(subject, 'client', san)
    : selfSignedClientCertificate(subject, san);
}

async function materialiseApplication(app: ApplicationFixture, authority: CertificateAuthority): Promise<Application> {
  const out: Application = { ...app };
  if (!out.clientSecret && (NEEDS_SECRET.has(app.tokenEndpointAuthMethod) || app.idTokenSigningAlg === 'HS256'))
    out.clientSecret = secret();
  if (app.tokenEndpointAuthMethod === 'private_key_jwt' && !app.privateKeyJwt?.publicKeyPem) {
    const { publicKey, privateKey } = await newRsaKeyPair();
    out.privateKeyJwt = {
      alg: app.privateKeyJwt?.alg ?? 'RS256',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
    out.generatedPrivateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
  const mtlsMethod =
    app.tokenEndpointAuthMethod === 'tls_client_auth' || app.tokenEndpointAuthMethod === 'self_signed_tls_client_auth';
  if (mtlsMethod && !app.mtls?.certificatePem && !app.mtls?.subjectDn) {
    const { certificatePem, subjectDn, privateKeyPem } = await clientCertificate(app, authority);
    out.mtls = { ...app.mtls, certificatePem, subjectDn };
    out.generatedCertificateKeyPem = privateKeyPem;
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
  const certificateAuthority = await CertificateAuthority.create('auth0-harness local tenant CA');
  // Side by side: each RSA key is made on the thread pool.
  const [applications, saml] = await Promise.all([
    Promise.all(parsed.applications.map((app) => materialiseApplication(app, certificateAuthority))),
    Promise.all(parsed.connections.saml.map(materialiseSamlConnection)),
  ]);
  return {
    ...parsed,
    certificateAuthority,
    applications,
    connections: {
      ...parsed.connections,
      database: { ...parsed.connections.database, users: parsed.connections.database.users.map(materialiseUser) },
      saml,
    },
    customDomainApiKey: parsed.customDomainApiKey ?? secret(),
  };
}
