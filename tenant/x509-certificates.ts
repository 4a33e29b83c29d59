import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto, type KeyObject } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

async function selfSigned(name: string, keys: CryptoKeyPair, signingAlgorithm: object): Promise<x509.X509Certificate> {
  const now = Date.now();
  return x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: webcrypto
      .getRandomValues(new Uint8Array(8))
      .reduce((s, b) => s + b.toString(16).padStart(2, '0'), '01'),
    name,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + TEN_YEARS_MS),
    signingAlgorithm,
    keys,
  });
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
  const certificate = await selfSigned(`CN=${commonName}`, keys, RSA);
  return Buffer.from(certificate.rawData);
}

/** A client certificate for the mTLS application: its PEM and its subject DN. */
export async function clientCertificate(commonName: string): Promise<{ certificatePem: string; subjectDn: string }> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await selfSigned(`CN=${commonName}`, keys, EC);
  return { certificatePem: certificate.toString('pem'), subjectDn: certificate.subject };
}

/** Parses a PEM certificate; undefined when it is not one. */
export function parseCertificate(pem: string): { subjectDn: string; der: Buffer } | undefined {
  try {
    const certificate = new x509.X509Certificate(pem);
    return { subjectDn: certificate.subject, der: Buffer.from(certificate.rawData) };
  } catch {
    return undefined;
  }
}
