import type { FastifyInstance } from 'fastify';
import { authorizeRoutes } from './authorize.ts';
import { backchannelAuthorizeRoutes } from './backchannel-authorize.ts';
import { coAuthenticateRoutes } from './co-authenticate.ts';
import { controlRoutes } from './control.ts';
import { databaseConnectionRoutes } from './database-connections.ts';
import { deviceAuthorizationRoutes } from './device-authorization.ts';
import { discoveryRoutes } from './discovery.ts';
import { dynamicRegistrationRoutes } from './dynamic-registration.ts';
import { federationMetadataRoutes } from './federation-metadata.ts';
import { federationSignInRoutes } from './federation-sign-in.ts';
import { legacyRoutes } from './legacy.ts';
import { logoutRoutes } from './logout.ts';
import { mfaApiRoutes } from './mfa-api.ts';
import { passwordlessRoutes } from './passwordless.ts';
import { pushedAuthorizationRoutes } from './pushed-authorization.ts';
import { revokeRoutes } from './revoke.ts';
import { samlCallbackRoutes } from './saml-callback.ts';
import { samlLogoutRoutes } from './saml-logout.ts';
import { tokenRoutes } from './token.ts';
import { universalLoginRoutes } from './universal-login.ts';
import { userinfoRoutes } from './userinfo.ts';

/** Every route the tenant serves: the Authentication API endpoints and the loopback control API. */
export function authenticationRoutes(app: FastifyInstance): void {
  controlRoutes(app);
  discoveryRoutes(app);
  tokenRoutes(app);
  revokeRoutes(app);
  userinfoRoutes(app);
  authorizeRoutes(app);
  universalLoginRoutes(app);
  coAuthenticateRoutes(app);
  logoutRoutes(app);
  passwordlessRoutes(app);
  databaseConnectionRoutes(app);
  mfaApiRoutes(app);
  deviceAuthorizationRoutes(app);
  backchannelAuthorizeRoutes(app);
  pushedAuthorizationRoutes(app);
  dynamicRegistrationRoutes(app);
  legacyRoutes(app);
  federationMetadataRoutes(app);
  federationSignInRoutes(app);
  samlCallbackRoutes(app);
  samlLogoutRoutes(app);
}
