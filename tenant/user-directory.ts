import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { User } from './materialise-fixture.ts';

export interface Authenticator {
  id: string;
  authenticatorType: 'otp' | 'oob' | 'recovery-code';
  oobChannel?: 'sms' | 'email';
  /** Base32 TOTP secret (otp) */
  secret?: string;
  /** Destination of an oob authenticator. */
  to?: string;
  /** The current recovery code (recovery-code). */
  code?: string;
  active: boolean;
  name?: string;
}

export interface TenantUser {
  userId: string;
  connection: string;
  email?: string;
  emailVerified: boolean;
  username?: string;
  phoneNumber?: string;
  phoneVerified?: boolean;
  password?: string;
  name?: string;
  blocked: boolean;
  permissions: Record<string, string[]>;
  authenticators: Authenticator[];
  createdAt: string;
  updatedAt: string;
}

const deviceId = (): string => `dev_${randomBytes(12).toString('base64url')}`;
const objectId = (): string => randomBytes(12).toString('hex');

export function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The database connection's users plus the users passwordless logins create. */
export class UserDirectory {
  private readonly users: TenantUser[] = [];

  constructor(
    readonly databaseConnection: string,
    fixtureUsers: User[],
  ) {
    const now = new Date().toISOString();
    for (const u of fixtureUsers) {
      const authenticators: Authenticator[] = [];
      if (u.mfa) {
        authenticators.push({
          id: `totp|${deviceId()}`,
          authenticatorType: 'otp',
          secret: u.mfa.otpSecret,
          active: true,
        });
        if (u.phoneNumber)
          authenticators.push({
            id: `sms|${deviceId()}`,
            authenticatorType: 'oob',
            oobChannel: 'sms',
            to: u.phoneNumber,
            active: true,
            name: u.phoneNumber,
          });
        authenticators.push({
          id: `recovery-code|${deviceId()}`,
          authenticatorType: 'recovery-code',
          code: u.mfa.recoveryCode,
          active: true,
        });
      }
      this.users.push({
        userId: u.userId,
        connection: databaseConnection,
        email: u.email,
        emailVerified: u.emailVerified,
        username: u.username,
        phoneNumber: u.phoneNumber,
        password: u.password,
        name: u.name ?? u.email,
        blocked: u.blocked,
        permissions: u.permissions,
        authenticators,
        createdAt: now,
        updatedAt: now,
      });
    }
  }

  byId(userId: string): TenantUser | undefined {
    return this.users.find((u) => u.userId === userId);
  }

  /** A database user by email or username (case-insensitive, as Auth0 matches logins). */
  byLogin(connection: string, login: string): TenantUser | undefined {
    const wanted = login.toLowerCase();
    return this.users.find(
      (u) => u.connection === connection && (u.email?.toLowerCase() === wanted || u.username?.toLowerCase() === wanted),
    );
  }

  signUp(fields: {
    email: string;
    password: string;
    username?: string;
    name?: string;
    phoneNumber?: string;
  }): TenantUser {
    return this.add({
      userId: `auth0|${objectId()}`,
      connection: this.databaseConnection,
      email: fields.email,
      emailVerified: false,
      username: fields.username,
      phoneNumber: fields.phoneNumber,
      password: fields.password,
      name: fields.name ?? fields.email,
    });
  }

  /** The passwordless user for an email or phone number, created on first login (sub `email|…`/`sms|…`). */
  passwordlessUser(connection: 'email' | 'sms', connectionName: string, identifier: string): TenantUser {
    const existing = this.users.find(
      (u) =>
        u.connection === connectionName &&
        (connection === 'email' ? u.email === identifier.toLowerCase() : u.phoneNumber === identifier),
    );
    if (existing) return existing;
    return this.add({
      userId: `${connection}|${objectId()}`,
      connection: connectionName,
      email: connection === 'email' ? identifier.toLowerCase() : undefined,
      emailVerified: connection === 'email',
      phoneNumber: connection === 'sms' ? identifier : undefined,
      phoneVerified: connection === 'sms',
      name: identifier,
    });
  }

  /** The user an enterprise connection vouches for (sub `samlp|{connection}|{name id}`), created on first login. */
  federatedUser(connection: string, nameId: string, email: string | undefined, name: string | undefined): TenantUser {
    const userId = `samlp|${connection}|${nameId}`;
    const existing = this.byId(userId);
    if (existing) return existing;
    return this.add({ userId, connection, email, emailVerified: email !== undefined, name: name ?? email ?? nameId });
  }

  /** A user created at run time: not blocked, no permissions or authenticators yet. */
  private add(
    identity: Omit<TenantUser, 'blocked' | 'permissions' | 'authenticators' | 'createdAt' | 'updatedAt'>,
  ): TenantUser {
    const now = new Date().toISOString();
    const user: TenantUser = {
      ...identity,
      blocked: false,
      permissions: {},
      authenticators: [],
      createdAt: now,
      updatedAt: now,
    };
    this.users.push(user);
    return user;
  }

  static newAuthenticatorId(kind: 'totp' | 'sms' | 'email' | 'recovery-code'): string {
    return `${kind}|${deviceId()}`;
  }
}
