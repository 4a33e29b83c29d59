import { sign } from 'node:crypto';
import type { SigningKey } from './signing-keys.ts';

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** RS256 compact JWS, signed synchronously with node:crypto (the tenant's hot path). */
export function signJwt(payload: object, key: SigningKey, typ = 'JWT'): string {
  const input = `${b64url({ alg: 'RS256', typ, kid: key.kid })}.${b64url(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}
