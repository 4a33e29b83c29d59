import { signatureCheck } from '../token/signature.ts';
import { audienceContains, issuerEqualsTenant, lifetimeIsValid } from '../token/standard-claims.ts';
import { grantTypeIsClientCredentials, subjectIsClientAtClients } from '../token/client-credentials-claims.ts';

// Token check sets, composed by the scenarios per flow.
export const tokenCheckSets = {
  accessToken: [signatureCheck('access_token'), issuerEqualsTenant('access_token'), audienceContains('access_token'), lifetimeIsValid('access_token')],
  clientCredentialsAccessToken: [subjectIsClientAtClients, grantTypeIsClientCredentials],
};
