import { ExpiringMap } from './expiring-map.ts';
import type { Faults } from './faults/faults.ts';
import type { ApiFixture } from './fixture.ts';
import type { Application, TenantFixture } from './materialise-fixture.ts';
import { Outbox } from './outbox.ts';
import { BruteForceProtection } from './rate-limit/brute-force.ts';
import { RateLimiter } from './rate-limit/rate-limiter.ts';
import type { SigningKey } from './signing-keys.ts';
import { RefreshTokenStore } from './tokens/refresh-token-store.ts';
import { UserDirectory, type TenantUser } from './user-directory.ts';
import type { UserGrant } from './grants/user-grant.ts';

/** What a user's authentication grants a client: the input of every user token response. */
export interface AuthorizationCode extends UserGrant {
  redirectUri?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

export interface OpaqueAccessToken {
  userId: string;
  clientId: string;
  scope: string[];
}

/** A login that stopped at mfa_required: what the mfa_token stands for. */
export type MfaTransaction = UserGrant;

export interface OobChallenge {
  mfaToken: string;
  authenticatorId: string;
  bindingCode: string;
  lastPolledAt?: number;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scope: string[];
  audience?: string;
  status: 'pending' | 'approved' | 'denied' | 'consumed';
  userId?: string;
  authTime?: number;
  lastPolledAt?: number;
  expiresAt: number;
  expiredReported: boolean;
}

export interface CibaRequest {
  authReqId: string;
  clientId: string;
  userId: string;
  scope: string[];
  audience?: string;
  bindingMessage: string;
  status: 'pending' | 'approved' | 'denied' | 'consumed';
  lastPolledAt?: number;
  expiresAt: number;
}

/** A sign-in waiting for the login page, by protocol: what to answer once the user is known. */
export type LoginTransaction =
  | { protocol: 'oauth2'; params: Record<string, string> }
  | { protocol: 'samlp'; clientId: string; acsUrl: string; audience: string; requestId?: string; relayState?: string }
  | { protocol: 'wsfed'; clientId: string; wreply: string; realm: string; wctx?: string };

export interface Session {
  sid: string;
  userId: string;
  authTime: number;
}

/** What the routes share: issuer, fixture, keys (the first one signs), stores and policies. */
export class TenantState {
  issuer = '';
  url = '';
  /** The mTLS listener's base URL, when it runs: where discovery's mtls_endpoint_aliases point. */
  mtlsUrl: string | undefined;
  readonly keys: SigningKey[] = [];
  readonly outbox = new Outbox();
  readonly limiter: RateLimiter;
  readonly bruteForce: BruteForceProtection;
  readonly users: UserDirectory;

  readonly codes = new ExpiringMap<AuthorizationCode>();
  readonly refreshTokens = new RefreshTokenStore();
  readonly opaqueTokens = new ExpiringMap<OpaqueAccessToken>();
  readonly mfaTransactions = new ExpiringMap<MfaTransaction>();
  readonly oobChallenges = new ExpiringMap<OobChallenge>();
  readonly devices = new ExpiringMap<DeviceAuthorization>();
  readonly cibaRequests = new ExpiringMap<CibaRequest>();
  readonly pushedRequests = new ExpiringMap<Record<string, string>>();
  readonly loginTickets = new ExpiringMap<{ userId: string; clientId: string }>();
  readonly sessions = new ExpiringMap<Session>();
  /** Pending /authorize requests waiting for the login page, keyed by the page's state. */
  readonly loginTransactions = new ExpiringMap<LoginTransaction>();
  /** Login page transactions whose password was right and that wait for the OTP step: state → user id. */
  readonly loginsAwaitingMfa = new ExpiringMap<string>();
  readonly usedAssertionIds = new ExpiringMap<true>();
  /** /otp/challenge sessions: the auth_session the passwordless-OTP grant takes with the code. */
  readonly otpSessions = new ExpiringMap<{ clientId: string; userId?: string; code: string; attempts: number }>();
  readonly passwordlessCodes = new ExpiringMap<{
    code: string;
    attempts: number;
    authParams?: Record<string, unknown>;
  }>();

  constructor(
    readonly fixture: TenantFixture,
    readonly faults: Faults,
  ) {
    this.limiter = new RateLimiter(fixture.rateLimits.plan, fixture.rateLimits.overrides);
    this.bruteForce = new BruteForceProtection(fixture.rateLimits.bruteForceThreshold);
    this.users = new UserDirectory(fixture.connections.database.name, fixture.connections.database.users);
  }

  findClient(clientId: string): Application | undefined {
    return this.fixture.applications.find((a) => a.clientId === clientId);
  }

  findApi(identifier: string): ApiFixture | undefined {
    return this.fixture.apis.find((a) => a.identifier === identifier);
  }

  get userinfoAudience(): string {
    return `${this.issuer}userinfo`;
  }

  get mfaAudience(): string {
    return `${this.issuer}mfa/`;
  }

  findUser(userId: string): TenantUser | undefined {
    return this.users.byId(userId);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    tenant: TenantState;
  }
}
