import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto, type KeyObject } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;
// A minute of slack on notBefore: a certificate made now is valid on a peer whose clock is a little behind.
const validity = () => ({ notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + TEN_YEARS_MS) });
const serialNumber = () =>
  webcrypto.getRandomValues(new Uint8Array(8)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '01');

/** A certificate and the PKCS#8 PEM of its key, as a TLS client or server presents them. */
export interface KeyedCertificate {
  certificatePem: string;
  privateKeyPem: string;
  subjectDn: string;
}

/** A subjectAltName entry, as RFC 8705 §2.1.2 registers one: dns, ip, email or uri. */
export interface SubjectAltName {
  type: 'dns' | 'ip' | 'email' | 'uri';
  value: string;
}

/** What a leaf certificate is for: a TLS server, or a TLS client (mTLS). */
export type CertificateUse = 'server' | 'client';

const newKeys = async () => (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;

async function pemOf(privateKey: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', privateKey)).toString('base64');
  return `-----BEGIN PRIVATE KEY-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

async function leafExtensions(use: CertificateUse, san: SubjectAltName[], publicKey: webcrypto.CryptoKey) {
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([
      use === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
    ]),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
  ];
  // @peculiar/x509 calls a URI name "url".
  if (san.length)
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        san.map(({ type, value }) => ({ type: type === 'uri' ? 'url' : type, value })),
      ),
    );
  return extensions;
}

async function keyed(certificate: x509.X509Certificate, keys: CryptoKeyPair): Promise<KeyedCertificate> {
  return {
    certificatePem: certificate.toString('pem'),
    privateKeyPem: await pemOf(keys.privateKey),
    subjectDn: certificate.subject,
  };
}

/** A certificate authority made at start: it issues the local tenant's TLS server and client certificates. */
export class CertificateAuthority {
  private constructor(
    private readonly certificate: x509.X509Certificate,
    private readonly keys: CryptoKeyPair,
  ) {}

  static async create(commonName: string): Promise<CertificateAuthority> {
    const keys = await newKeys();
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serialNumber(),
      name: `CN=${commonName}`,
      ...validity(),
      signingAlgorithm: EC,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    return new CertificateAuthority(certificate, keys);
  }

  get certificatePem(): string {
    return this.certificate.toString('pem');
  }

  /** A certificate for `subjectDn` (e.g. `CN=m2m-mtls`) signed by this authority, with a key of its own. */
  async issue(subjectDn: string, use: CertificateUse, san: SubjectAltName[] = []): Promise<KeyedCertificate> {
    const keys = await newKeys();
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: serialNumber(),
      subject: subjectDn,
      issuer: this.certificate.subject,
      ...validity(),
      signingAlgorithm: EC,
      publicKey: keys.publicKey,
      signingKey: this.keys.privateKey,
      extensions: [
        ...(await leafExtensions(use, san, keys.publicKey)),
        await x509.AuthorityKeyIdentifierExtension.create(this.keys.publicKey),
      ],
    });
    return keyed(certificate, keys);
  }
}

/** A self-signed client certificate (RFC 8705 §2.2), with its key. */
export async function selfSignedClientCertificate(
  subjectDn: string,
  san: SubjectAltName[] = [],
): Promise<KeyedCertificate> {
  const keys = await newKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: subjectDn,
    ...validity(),
    signingAlgorithm: EC,
    keys,
    extensions: await leafExtensions('client', san, keys.publicKey),
  });
  return keyed(certificate, keys);
}

/** The self-signed certificate Auth0 publishes in the JWKS `x5c` for a signing key (docs/auth0-api.md §2.4). */
export async function signingKeyCertificate(
  privateKey: KeyObject,
  publicKey: KeyObject,
  commonName: string,
): Promise<Buffer> {
  const keys = {
    privateKey: await webcrypto.subtle.importKey(
      'pkcs8',
      privateKey.export({ type: 'pkcs8', format: 'der' }),
      RSA,
      false,
      ['sign'],
    ),
    publicKey: await webcrypto.subtle.importKey('spki', publicKey.export({ type: 'spki', format: 'der' }), RSA, true, [
      'verify',
    ]),
  } as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${commonName}`,
    ...validity(),
    signingAlgorithm: RSA,
    keys,
  });
  return Buffer.from(certificate.rawData);
}

/** What the tenant reads of a client certificate: its subject DN (RFC 4514 string), its names, its DER. */
export interface ParsedCertificate {
  subjectDn: string;
  san: SubjectAltName[];
  der: Buffer;
}

/** Parses a certificate (PEM, or DER bytes); undefined when it is not one. */
export function parseCertificate(certificate: string | Uint8Array): ParsedCertificate | undefined {
  try {
    const parsed = new x509.X509Certificate(certificate);
    const names = parsed.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON() ?? [];
    const san = names.flatMap(({ type, value }): SubjectAltName[] => {
      const kind = type === 'url' ? 'uri' : type;
      return kind === 'dns' || kind === 'ip' || kind === 'email' || kind === 'uri' ? [{ type: kind, value }] : [];
    });
    return { subjectDn: parsed.subject, san, der: Buffer.from(parsed.rawData) };
  } catch {
    return undefined;
  }
}
