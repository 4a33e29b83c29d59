import { randomBytes } from 'node:crypto';
import type { UserGrant } from '../grants/user-grant.ts';

// Refresh tokens as Auth0 keeps them. A login that asks for offline_access starts a family; with
// rotation, each exchange adds the family's next token, which lives no longer than the family
// (docs/auth0-api.md §2.1: rotation does not extend the lifetime). Reuse detection (Auth0 docs, "Refresh Token
// Rotation" and "Configure Refresh Token Rotation"): a token exchanged before may be exchanged again
// only within the client's reuse interval (leeway), counted from its first exchange, and only if it
// is the family's previous token (the one exchanged last); anything else is taken as a stolen token
// and revokes the whole family. A reuse interval of 0 allows no reuse at all.

/** Auth0 keeps at most this many active refresh tokens per user and application (docs/auth0-api.md §2.1). */
export const MAX_ACTIVE_PER_USER_AND_APP = 200;

export type RotationVerdict = 'first-exchange' | 'reuse-within-leeway' | 'reuse-detected';

interface StoredToken {
  /**
   * What the token stands for, kept apart from the bookkeeping below: a token issued from another
   * token's grant must start fresh, never inherit its exchange.
   */
  grant: UserGrant;
  familyId: string;
  /** When the token was first exchanged (rotating clients only). */
  exchangedAt?: number;
}

interface Family {
  userAndApp: string;
  expiresAt: number;
  tokens: string[];
  /** The token exchanged last: the only one a reuse interval lets through again. */
  lastExchanged?: string;
}

export interface FoundRefreshToken {
  grant: UserGrant;
  familyId: string;
}

const userAndAppOf = (grant: UserGrant) => `${grant.userId}\u0000${grant.clientId}`;

/** The grant fields only: whatever else the caller's object carries stays out of the new token. */
function grantOf(g: UserGrant): UserGrant {
  return {
    clientId: g.clientId,
    userId: g.userId,
    scope: [...g.scope],
    audience: g.audience,
    nonce: g.nonce,
    authTime: g.authTime,
    sid: g.sid,
    certificateThumbprint: g.certificateThumbprint,
  };
}

export class RefreshTokenStore {
  private readonly tokens = new Map<string, StoredToken>();
  private readonly families = new Map<string, Family>();
  /** Family ids per user and application, oldest first. */
  private readonly familiesOf = new Map<string, Set<string>>();

  /**
   * A new token: the next of `familyId` (rotation), or the first of a new family that lives
   * `lifetimeMs`, evicting the user's oldest family for this application past the limit.
   */
  issue(grant: UserGrant, lifetimeMs: number, familyId?: string, now = Date.now()): string {
    const token = randomBytes(32).toString('base64url');
    let id = familyId;
    let family = id === undefined ? undefined : this.families.get(id);
    if (!family || id === undefined) {
      id = randomBytes(8).toString('hex');
      family = { userAndApp: userAndAppOf(grant), expiresAt: now + lifetimeMs, tokens: [] };
      this.families.set(id, family);
      const ofUser = this.familiesOf.get(family.userAndApp) ?? new Set<string>();
      this.familiesOf.set(family.userAndApp, ofUser);
      ofUser.add(id);
      for (const oldest of ofUser) {
        if (ofUser.size <= MAX_ACTIVE_PER_USER_AND_APP) break;
        this.revokeFamily(oldest);
      }
    }
    family.tokens.push(token);
    this.tokens.set(token, { grant: grantOf(grant), familyId: id });
    return token;
  }

  /** The token's grant and family; undefined when it is unknown, revoked or expired. */
  find(token: string, now = Date.now()): FoundRefreshToken | undefined {
    const stored = this.tokens.get(token);
    const family = stored && this.families.get(stored.familyId);
    if (!stored || !family) return undefined;
    if (family.expiresAt <= now) {
      this.revokeFamily(stored.familyId);
      return undefined;
    }
    return { grant: stored.grant, familyId: stored.familyId };
  }

  /** Records a rotating token's exchange and says whether it is one Auth0 would honour. */
  exchange(token: string, leewayMs: number, now = Date.now()): RotationVerdict {
    const stored = this.tokens.get(token);
    const family = stored && this.families.get(stored.familyId);
    if (!stored || !family) return 'reuse-detected';
    if (stored.exchangedAt === undefined) {
      stored.exchangedAt = now;
      family.lastExchanged = token;
      return 'first-exchange';
    }
    const withinLeeway = now - stored.exchangedAt < leewayMs;
    return withinLeeway && family.lastExchanged === token ? 'reuse-within-leeway' : 'reuse-detected';
  }

  /** Revokes every refresh token the user holds, whatever the application (global token revocation). */
  revokeUser(userId: string): void {
    const prefix = userAndAppOf({ userId, clientId: '' } as UserGrant);
    for (const [familyId, family] of this.families)
      if (family.userAndApp.startsWith(prefix)) this.revokeFamily(familyId);
  }

  /** Revokes (and forgets) every token of the family. */
  revokeFamily(familyId: string): void {
    const family = this.families.get(familyId);
    if (!family) return;
    for (const token of family.tokens) this.tokens.delete(token);
    this.families.delete(familyId);
    const ofUser = this.familiesOf.get(family.userAndApp);
    ofUser?.delete(familyId);
    if (ofUser?.size === 0) this.familiesOf.delete(family.userAndApp);
  }
}
