/** What a user granted an application: the login (or grant) a user's tokens are issued from. */
export interface UserGrant {
  clientId: string;
  userId: string;
  /** Scopes requested (OIDC and API scopes, space-separated in the request). */
  scope: string[];
  audience?: string;
  nonce?: string;
  authTime: number;
  sid?: string;
  /** cnf.x5t#S256 of the client certificate the token is bound to (mTLS). */
  certificateThumbprint?: string;
}
