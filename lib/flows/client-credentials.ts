import { jsonBody } from '../../checks/exchange.ts';
import { clientCredentialsCheckSets } from '../../checks/sets/client-credentials.ts';
import { tokenCheckSets } from '../../checks/sets/token-checks.ts';
import { tokenUnderTest } from '../../checks/token/token-under-test.ts';
import { withClientSecret } from '../credential-methods.ts';
import type { HarnessConfig } from '../harness-config.ts';
import { recordChecks } from '../record-checks.ts';
import type { CheckCell } from '../result-protocol.ts';
import { sendRequest } from '../send-request.ts';
import type { TenantMetadata } from './discovery.ts';

const TOKEN_ENDPOINT = 'POST /oauth/token';

/**
 * client_credentials with a client secret, sent by post or basic: the token response and its access
 * token's signature and claims, then the same client with a wrong secret (spec §8 items 1 and 3).
 */
export async function clientCredentialsWithSecret(
  config: HarnessConfig,
  tenant: TenantMetadata,
  method: 'client_secret_post' | 'client_secret_basic',
): Promise<void> {
  const client = config.clients[method];
  if (!client) return;
  const cell: CheckCell = { endpoint: TOKEN_ENDPOINT, credential: method };
  const grant = { grant_type: 'client_credentials', audience: config.audience };

  const good = withClientSecret(method, client, grant);
  const success = await sendRequest({
    ...cell,
    method: 'POST',
    url: tenant.tokenEndpoint,
    form: good.params,
    headers: good.headers,
    expectedStatuses: [200],
  });
  const responseOk = await recordChecks(cell, clientCredentialsCheckSets.tokenSuccess, success, success, 'client_credentials');
  if (responseOk) {
    const accessToken = (jsonBody(success.response) as { access_token: string }).access_token;
    const token = tokenUnderTest(
      'access_token',
      accessToken,
      { issuer: config.issuer, clientId: client.clientId, audience: config.audience },
      tenant.jwks,
    );
    await recordChecks(cell, [...tokenCheckSets.accessToken, ...tokenCheckSets.clientCredentialsAccessToken], token, success, 'client_credentials');
  }

  const bad = withClientSecret(method, { ...client, clientSecret: `${client.clientSecret}-wrong` }, grant);
  const refused = await sendRequest({
    ...cell,
    method: 'POST',
    url: tenant.tokenEndpoint,
    form: bad.params,
    headers: bad.headers,
    expectedStatuses: [401],
  });
  await recordChecks(cell, clientCredentialsCheckSets.wrongSecret, refused, refused, 'client_credentials with a wrong secret');
}
