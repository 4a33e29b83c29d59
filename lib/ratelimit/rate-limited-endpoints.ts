import type { HarnessConfig } from '../k6-and-node/harness-config.ts';
import { passwordRealmRequest } from '../load/user-login.ts';
import type { OutgoingRequest } from '../send-request.ts';
import type { BucketId } from '../k6-and-node/documented-rate-limits.ts';
import { GRANT_TYPE } from '../k6-and-node/grant-types.ts';

// Every rate-limited endpoint of docs/auth0-api.md §4 the suite drives, declared once: which bucket it spends, what
// the bucket is keyed on, the request that spends it, and which rules apply. `label` is the endpoint
// column of the report, distinct per bucket where one path has several (the token endpoint has four).

export interface DriveContext {
  config: HarnessConfig;
  tokenEndpoint: string;
  jwksUri: string;
  /** An access token of the plain user, for /userinfo (spent per user id). */
  userAccessToken?: string;
  /** Makes each signup address unique across runs. */
  runId: string;
}

export interface RateLimitedEndpoint {
  /** The bucket it spends; `brute_force` is a block after failed logins, not a token bucket. */
  bucket: BucketId | 'brute_force';
  label: string;
  /** What the bucket is keyed on (docs/auth0-api.md §4.4). */
  key: string;
  /** `bucket`: every header rule; `block`: a 429 after the threshold with the documented body. */
  rules: 'bucket' | 'block';
  /**
   * Buckets the same request also spends (docs/auth0-api.md §4.1: limits may be stacked). On the local tenant they
   * are lifted while this one is driven, so the headers seen are this bucket's alone.
   */
  stackedWith?: BucketId[];
  /** The n-th request of the drive, or a reason the target's configuration cannot drive it. */
  request(ctx: DriveContext, n: number): OutgoingRequest | string;
}

const DB_USER_MISSING = 'no users.plain in the harness configuration';

function plainUser(ctx: DriveContext) {
  return ctx.config.users.plain;
}

function publicClientId(ctx: DriveContext): string | undefined {
  return ctx.config.clients.none?.clientId ?? ctx.config.clients.client_secret_post?.clientId;
}

/** Cross-origin login is answered only for an Allowed Origin of the application (docs/auth0-api.md §1.2). */
function originOf(ctx: DriveContext): Record<string, string> {
  const redirect = ctx.config.clients.none?.redirectUri;
  const origin = redirect ? /^https?:\/\/[^/?#]+/i.exec(redirect)?.[0] : undefined;
  return origin ? { Origin: origin } : {};
}

function clientCredentials(ctx: DriveContext, label: string): OutgoingRequest | string {
  const client = ctx.config.clients.client_secret_post;
  if (!client) return 'no client_secret_post client in the harness configuration';
  return {
    endpoint: label,
    credential: 'client_secret_post',
    method: 'POST',
    url: ctx.tokenEndpoint,
    form: {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      audience: ctx.config.audience,
    },
    expectedStatuses: [200, 429],
  };
}

function login(
  ctx: DriveContext,
  label: string,
  password: (p: string) => string,
  success: number,
): OutgoingRequest | string {
  const user = plainUser(ctx);
  if (!user) return DB_USER_MISSING;
  return (
    passwordRealmRequest(
      ctx.config,
      ctx.tokenEndpoint,
      { username: user.username, password: password(user.password) },
      label,
      [success, 429],
    ) ?? 'no public or client_secret_post client to log in through'
  );
}

export const RATE_LIMITED_ENDPOINTS: readonly RateLimitedEndpoint[] = [
  {
    bucket: 'global',
    label: 'Authentication API global limit (POST /oauth/token)',
    key: 'tenant',
    rules: 'bucket',
    request: (ctx) => clientCredentials(ctx, 'Authentication API global limit (POST /oauth/token)'),
  },
  {
    bucket: 'token',
    label: 'POST /oauth/token',
    key: 'any request',
    rules: 'bucket',
    request: (ctx) => clientCredentials(ctx, 'POST /oauth/token'),
  },
  {
    bucket: 'userinfo',
    label: 'GET /userinfo',
    key: 'user id',
    rules: 'bucket',
    request: (ctx) =>
      ctx.userAccessToken
        ? {
            endpoint: 'GET /userinfo',
            credential: 'bearer',
            method: 'GET',
            url: `${ctx.config.baseUrl}/userinfo`,
            headers: { Authorization: `Bearer ${ctx.userAccessToken}` },
            expectedStatuses: [200, 429],
          }
        : 'no access token for users.plain (the password-realm login failed or no user is configured)',
  },
  {
    bucket: 'change_password',
    label: 'POST /dbconnections/change_password',
    key: 'IP + email',
    rules: 'bucket',
    request: (ctx) => {
      const user = plainUser(ctx);
      if (!user) return DB_USER_MISSING;
      return {
        endpoint: 'POST /dbconnections/change_password',
        credential: null,
        method: 'POST',
        url: `${ctx.config.baseUrl}/dbconnections/change_password`,
        json: { client_id: publicClientId(ctx), email: user.username, connection: ctx.config.connections.database },
        expectedStatuses: [200, 429],
      };
    },
  },
  {
    bucket: 'passwordless_start',
    label: 'POST /passwordless/start',
    key: 'IP',
    rules: 'bucket',
    request: (ctx) => {
      const clientId = ctx.config.clients.none?.clientId;
      if (!clientId) return 'no public client (clients.none) in the harness configuration';
      return {
        endpoint: 'POST /passwordless/start',
        credential: 'none',
        method: 'POST',
        url: `${ctx.config.baseUrl}/passwordless/start`,
        json: {
          client_id: clientId,
          connection: ctx.config.connections.passwordlessEmail,
          email: 'ratelimit@harness.invalid',
          send: 'code',
        },
        expectedStatuses: [200, 429],
      };
    },
  },
  {
    bucket: 'jwks',
    label: 'GET /.well-known/jwks.json',
    key: 'any request',
    rules: 'bucket',
    request: (ctx) => ({
      endpoint: 'GET /.well-known/jwks.json',
      credential: 'none',
      method: 'GET',
      url: ctx.jwksUri,
      expectedStatuses: [200, 429],
    }),
  },
  {
    bucket: 'co_authenticate',
    label: 'POST /co/authenticate',
    key: 'any request',
    rules: 'bucket',
    // A cross-origin login is a login: it also spends the same-user login limit.
    stackedWith: ['same_user_login'],
    request: (ctx) => {
      const user = plainUser(ctx);
      const clientId = publicClientId(ctx);
      if (!user || !clientId) return 'needs users.plain and a public or client_secret_post client';
      return {
        endpoint: 'POST /co/authenticate',
        credential: 'none',
        method: 'POST',
        url: `${ctx.config.baseUrl}/co/authenticate`,
        headers: originOf(ctx),
        json: {
          client_id: clientId,
          username: user.username,
          password: user.password,
          realm: ctx.config.connections.database,
          credential_type: GRANT_TYPE.passwordRealm,
        },
        expectedStatuses: [200, 429],
      };
    },
  },
  {
    bucket: 'signup',
    label: 'POST /dbconnections/signup',
    key: 'IP',
    rules: 'bucket',
    request: (ctx, n) => {
      const clientId = publicClientId(ctx);
      if (!clientId) return 'no public or client_secret_post client in the harness configuration';
      return {
        endpoint: 'POST /dbconnections/signup',
        credential: null,
        method: 'POST',
        url: `${ctx.config.baseUrl}/dbconnections/signup`,
        json: {
          client_id: clientId,
          email: `ratelimit-${ctx.runId}-${n}@harness.invalid`,
          password: `Rl-${ctx.runId}-${n}-pass!9`,
          connection: ctx.config.connections.database,
        },
        expectedStatuses: [200, 429],
      };
    },
  },
  {
    bucket: 'same_user_login',
    label: 'POST /oauth/token (same-user login limit)',
    key: 'IP + user',
    rules: 'bucket',
    request: (ctx) => login(ctx, 'POST /oauth/token (same-user login limit)', (p) => p, 200),
  },
  {
    bucket: 'brute_force',
    label: 'POST /oauth/token (brute-force protection)',
    key: 'IP + user',
    rules: 'block',
    request: (ctx) => login(ctx, 'POST /oauth/token (brute-force protection)', (p) => `${p}-wrong`, 403),
  },
];
