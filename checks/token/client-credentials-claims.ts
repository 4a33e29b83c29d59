import { describeValue, expectThat } from '../check.ts';
import { claimCheck } from './claim-check.ts';

// Access tokens from the client_credentials grant (spec §2.3, §8 item 1).

export const subjectIsClientAtClients = claimCheck(
  'access_token',
  'sub.is_client_id_at_clients',
  { ref: 'auth0-spec §2.3', title: 'sub is {client_id}@clients for a client_credentials token.' },
  (payload, token) => {
    const want = `${token.expect.clientId}@clients`;
    return expectThat(
      payload.sub === want,
      () => `expected sub ${describeValue(want)}, got ${describeValue(payload.sub)}`,
    );
  },
);
