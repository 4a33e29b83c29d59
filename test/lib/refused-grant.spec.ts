import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FlowContext } from '../../lib/conformance/flow-context.ts';
import { refusedGrant } from '../../lib/conformance/refused-grant.ts';
import { HarnessConfig } from '../../lib/k6-and-node/harness-config.ts';

const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code';

function context(profile: 'auth0' | 'oidc', grantTypes: string[] | undefined, advertised?: string[]): FlowContext {
  const config = HarnessConfig.parse({
    baseUrl: 'https://op.example',
    issuer: 'https://op.example',
    audience: 'https://api.example/',
    profile,
    clients: { client_secret_post: { clientId: 'post', clientSecret: 'secret', grantTypes } },
  });
  return { config, profile, tenant: { endpoints: {}, grantTypes: advertised, algorithms: {} } };
}

describe('the grant a client is refused (grant_not_allowed)', () => {
  it('is one the provider advertises and the client is not registered for, with a well-formed request', () => {
    const refused = refusedGrant(
      context('oidc', ['client_credentials'], ['client_credentials', DEVICE, 'refresh_token']),
      'client_secret_post',
    );
    assert.deepEqual(refused, {
      grant: DEVICE,
      params: { grant_type: DEVICE, device_code: 'never-issued-harness-device-code' },
    });
    const noDevice = refusedGrant(
      context(
        'oidc',
        ['client_credentials', 'authorization_code'],
        ['authorization_code', 'client_credentials', 'refresh_token'],
      ),
      'client_secret_post',
    );
    assert.deepEqual(noDevice, {
      grant: 'refresh_token',
      params: { grant_type: 'refresh_token', refresh_token: 'never-issued-harness-refresh-token' },
    });
  });

  it("reads RFC 8414's default grants when discovery lists none", () => {
    const refused = refusedGrant(context('oidc', ['client_credentials'], undefined), 'client_secret_post');
    assert.equal(typeof refused === 'object' && refused.grant, 'authorization_code');
  });

  it('is not applicable, saying why, when every grant the provider offers is the client’s or its grants are not configured', () => {
    assert.match(
      refusedGrant(
        context('oidc', ['client_credentials', 'refresh_token'], ['client_credentials', 'refresh_token']),
        'client_secret_post',
      ) as string,
      /^every grant the provider advertises that the harness can request \(client_credentials, refresh_token\) is one clients\.client_secret_post\.grantTypes lists$/,
    );
    assert.match(
      refusedGrant(context('oidc', undefined, [DEVICE]), 'client_secret_post') as string,
      /list the grants it is registered for in clients\.client_secret_post\.grantTypes$/,
    );
  });

  it("is Auth0's device grant, which only Native applications have, unless the provider does not offer it", () => {
    assert.equal((refusedGrant(context('auth0', undefined), 'client_secret_post') as { grant: string }).grant, DEVICE);
    assert.equal(
      typeof refusedGrant(context('auth0', undefined, ['client_credentials']), 'client_secret_post'),
      'string',
    );
  });
});
