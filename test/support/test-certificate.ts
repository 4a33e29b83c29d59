import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const keys = await webcrypto.subtle.generateKey(
  { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  true,
  ['sign', 'verify'],
);
const certificate = await x509.X509CertificateGenerator.createSelfSigned({
  serialNumber: '01',
  name: 'CN=auth0-harness test',
  notBefore: new Date(Date.now() - 86_400_000),
  notAfter: new Date(Date.now() + 86_400_000),
  keys: keys as webcrypto.CryptoKeyPair,
  signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
});

/** DER bytes of a self-signed certificate, and its PEM, for metadata and mTLS fixtures. */
export const testCertificateDer = (): Uint8Array => new Uint8Array(certificate.rawData);
export const testCertificatePem = (): string => certificate.toString('pem');
export const testPrivateKey = keys.privateKey;

const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
/** The certificate's private key as PEM, for a TLS server that presents the certificate. */
export const testPrivateKeyPem = (): string =>
  `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
