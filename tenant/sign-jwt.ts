import { createHmac, sign } from 'node:crypto';
import type { SigningKey } from './signing-keys.ts';

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface SignOptions {
  typ?: string;
  /** Deviation token.bad_signature: flip the signature so verification fails. */
  corruptSignature?: boolean;
  /** Deviation token.unknown_kid: name a key the JWKS does not publish. */
  kidOverride?: string;
}

function corrupt(signature: Buffer, yes: boolean | undefined): Buffer {
  if (yes) signature[0] ^= 0xff;
  return signature;
}

/** RS256 compact JWS, signed synchronously with node:crypto (the tenant's hot path). */
export function signJwt(payload: object, key: SigningKey, options: SignOptions = {}): string {
  const input = `${b64url({ alg: 'RS256', typ: options.typ ?? 'JWT', kid: options.kidOverride ?? key.kid })}.${b64url(payload)}`;
  return `${input}.${corrupt(sign('sha256', Buffer.from(input), key.privateKey), options.corruptSignature).toString('base64url')}`;
}

/** HS256 ID token signed with the client secret, for applications configured so (docs/auth0-api.md §2.2). */
export function signJwtHs256(payload: object, secret: string, options: SignOptions = {}): string {
  const input = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
  return `${input}.${corrupt(createHmac('sha256', secret).update(input).digest(), options.corruptSignature).toString('base64url')}`;
}
