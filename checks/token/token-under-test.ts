import {
  decodeJwt,
  decodeProtectedHeader,
  type JSONWebKeySet,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose';
import type { SigningRules } from './signing-rules.ts';

/** Which token a check looks at; check ids start with it (`access_token.aud.contains_audience`). */
export type TokenKind = 'access_token' | 'id_token';

/** What the harness expects of a token, from its configuration and the request it made. */
export interface TokenExpectations {
  /** The tenant's issuer, `https://{domain}/` with the trailing slash (docs/auth0-api.md §2.2). */
  issuer: string;
  clientId: string;
  /** API identifier asked for (access tokens). */
  audience?: string;
  /** Seconds since the epoch; defaults to the clock at check time. */
  now?: number;
  /** Clock skew tolerated on exp/iat/nbf, seconds. */
  skewSeconds?: number;
  /** The issuer discovery announced; tokens must carry exactly it (OIDC Discovery §4.3). */
  discoveryIssuer?: string;
  /** The user the token is about (`auth0|…`), when the flow logged one in. */
  subject?: string;
  /** The nonce sent to /authorize. */
  nonce?: string;
  /** The access token issued with an ID token, for at_hash. */
  accessToken?: string;
  /** The code issued with an ID token (hybrid flow), for c_hash. */
  code?: string;
  /** True when the request sent max_age, which makes auth_time required (OIDC Core §3.1.2.1). */
  maxAgeSent?: boolean;
  /** Auth0's gty value for the grant the token came from (`password`, `refresh_token`, …). */
  grantType?: string;
  /** Scopes the token must grant. */
  scopes?: string[];
  /** Permissions the token must list (RBAC with permissions in the token). */
  permissions?: string[];
  /** base64url SHA-256 of the client certificate's DER, for mTLS-bound tokens (RFC 8705 §3.1). */
  certificateThumbprint?: string;
  /** The algorithms the profile accepts for this kind of token (signing-rules.ts). */
  signing?: SigningRules;
}

export interface TokenUnderTest {
  kind: TokenKind;
  raw: string;
  header?: ProtectedHeaderParameters;
  payload?: JWTPayload;
  /** Why the token could not be decoded as a JWT, when it could not. */
  decodeError?: string;
  expect: TokenExpectations;
  jwks?: JSONWebKeySet;
  /** Why there is no JWKS to verify against (`JWKS fetch failed: …`), when there is none. */
  jwksMissing?: string;
}

export function tokenUnderTest(
  kind: TokenKind,
  raw: string,
  expect: TokenExpectations,
  jwks?: JSONWebKeySet,
  jwksMissing?: string,
): TokenUnderTest {
  try {
    return { kind, raw, header: decodeProtectedHeader(raw), payload: decodeJwt(raw), expect, jwks, jwksMissing };
  } catch (error) {
    return {
      kind,
      raw,
      expect,
      jwks,
      jwksMissing,
      decodeError: error instanceof Error ? error.message : String(error),
    };
  }
}

export const nowSeconds = (token: TokenUnderTest): number => token.expect.now ?? Math.floor(Date.now() / 1000);
export const skewSeconds = (token: TokenUnderTest): number => token.expect.skewSeconds ?? 60;
