import { describeValue, expectThat } from '../check.ts';
import { AUTH0 } from '../references.ts';
import { claimCheck } from './claim-check.ts';

// Access tokens from the client_credentials grant (docs/auth0-api.md §2.3, §8.1).

export const subjectIsClientAtClients = claimCheck(
  {
    id: 'access_token.sub.is_client_id_at_clients',
    ref: AUTH0.accessTokenProfiles,
    title: 'sub is {client_id}@clients for a client_credentials token.',
  },
  (payload, token) => {
    const want = `${token.expect.clientId}@clients`;
    return expectThat(
      payload.sub === want,
      () => `expected sub ${describeValue(want)}, got ${describeValue(payload.sub)}`,
    );
  },
);
