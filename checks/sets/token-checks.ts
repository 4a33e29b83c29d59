import {
  certificateBound,
  grantTypeMatches,
  issuerEqualsDiscovery,
  permissionsListed,
  scopeGranted,
  typIsAtJwt,
} from '../token/access-token-claims.ts';
import {
  auth0AccessTokenClaimsSchema,
  idTokenClaimsSchema,
  rfc9068AccessTokenClaimsSchema,
} from '../token/claims-schema.ts';
import { subjectIsClientAtClients } from '../token/client-credentials-claims.ts';
import {
  atHashMatches,
  authTimePresent,
  azpIsClient,
  cHashMatches,
  nonceEchoed,
  sidPresent,
  subjectIsUser,
} from '../token/id-token-claims.ts';
import { signatureValid } from '../token/signature.ts';
import { signingKeyForSignatures, signingKeyOfHeaderAlg } from '../token/signing-key.ts';
import { audienceContains, issuerEqualsTenant, lifetimeIsValid } from '../token/standard-claims.ts';

// Token check sets, composed by the flows: what every token of a kind must satisfy, and the extra
// rules a flow adds when it knows more (the user, the nonce, the code, the certificate).
export const tokenCheckSets = {
  accessToken: [
    signatureValid.access_token,
    signingKeyForSignatures.access_token,
    signingKeyOfHeaderAlg.access_token,
    issuerEqualsTenant.access_token,
    issuerEqualsDiscovery.access_token,
    audienceContains.access_token,
    lifetimeIsValid.access_token,
  ],
  auth0AccessTokenProfile: [auth0AccessTokenClaimsSchema],
  rfc9068AccessTokenProfile: [typIsAtJwt, rfc9068AccessTokenClaimsSchema],
  clientCredentialsAccessToken: [subjectIsClientAtClients, grantTypeMatches],
  userAccessToken: [subjectIsUser.access_token, scopeGranted],
  gty: [grantTypeMatches],
  permissions: [permissionsListed],
  certificateBound: [certificateBound],
  idToken: [
    signatureValid.id_token,
    signingKeyForSignatures.id_token,
    signingKeyOfHeaderAlg.id_token,
    idTokenClaimsSchema,
    issuerEqualsTenant.id_token,
    issuerEqualsDiscovery.id_token,
    audienceContains.id_token,
    lifetimeIsValid.id_token,
    azpIsClient,
    subjectIsUser.id_token,
  ],
  // Only a login through /authorize opens a session; password-grant ID tokens have no sid.
  session: [sidPresent],
  nonce: [nonceEchoed],
  atHash: [atHashMatches],
  cHash: [cHashMatches],
  authTime: [authTimePresent],
};
