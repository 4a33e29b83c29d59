import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Check, CheckOutcome } from '../../checks/check.ts';
import type { Exchange } from '../../checks/exchange.ts';
import { flowCompletedWithoutException } from '../../checks/flow/completed-without-exception.ts';
import { responseReceived } from '../../checks/http/response-received.ts';
import { statusCheck } from '../../checks/http/status.ts';
import { headersPresent } from '../../checks/ratelimit/headers-present.ts';
import { discoveryIssuerMatches, discoveryOffersS256, jwksCarriesCertificates } from '../../checks/sets/discovery.ts';
import { issuerEqualsDiscovery } from '../../checks/token/access-token-claims.ts';
import { signatureValid } from '../../checks/token/signature.ts';
import { tokenUnderTest } from '../../checks/token/token-under-test.ts';
import { signJwt } from '../support/signed-tokens.ts';
import { exchange, noResponseExchange } from './check-fixtures.ts';

// A check with nothing to judge neither passes nor fails: it is not run, and says why. A request that
// got no response is a transport error, named as k6 names it, never "status 0".

const run = async <I>(check: Check<I>, input: I): Promise<CheckOutcome> => check.run(input);

function assertNotRun(outcome: CheckOutcome, why: RegExp): void {
  assert.equal(outcome.notRun, true, `expected "not run", got ${JSON.stringify(outcome)}`);
  assert.equal(outcome.ok, false, 'a check that was not run is never a pass');
  assert.match(outcome.message ?? '', why);
}

const serverError = exchange(500, '<html>Internal Server Error</html>', { 'content-type': 'text/html' });

describe('checks without evidence', () => {
  it('a status check names the transport error of a request that got no response, as k6 gave it', async () => {
    const outcome = await run(
      statusCheck(
        'discovery.status.is_200',
        'https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfigurationResponse',
      ),
      noResponseExchange(),
    );
    assert.equal(outcome.ok, false);
    assert.equal(outcome.cause, 'transport');
    assert.equal(
      outcome.message,
      'expected status 200, got no response: dial tcp 127.0.0.1:9: connect: connection refused (k6 error 1212)',
    );
    assert.equal(statusCheck('discovery.status.is_200', 'x').judgesNoResponse, true);
  });

  it('http.response.received fails a request that got no response, and passes any answer, even a 500', async () => {
    const refused = await run(responseReceived, noResponseExchange());
    assert.equal(refused.ok, false);
    assert.equal(refused.cause, 'transport');
    assert.match(refused.message ?? '', /no response: .*connection refused \(k6 error 1212\)/);
    assert.equal((await run(responseReceived, serverError)).ok, true);
  });

  it('discovery.code_challenge_methods.include_s256 is not run without a discovery document, nor without the list', async () => {
    assertNotRun(await run(discoveryOffersS256, serverError), /no discovery document/);
    assertNotRun(
      await run(discoveryOffersS256, exchange(200, { issuer: 'https://tenant.example/' })),
      /does not list code_challenge_methods_supported/,
    );
    const plainOnly = await run(discoveryOffersS256, exchange(200, { code_challenge_methods_supported: ['plain'] }));
    assert.equal(plainOnly.ok, false);
    assert.notEqual(plainOnly.notRun, true);
  });

  it('discovery.issuer.equals_configured_issuer is not run when no discovery document came', async () => {
    assertNotRun(
      await run(discoveryIssuerMatches, { ...serverError, expect: { issuer: 'https://tenant.example/' } } as Exchange),
      /no discovery document/,
    );
  });

  it('jwks.keys.carry_x5c_and_x5t is not run on a body without a key list', async () => {
    assertNotRun(await run(jwksCarriesCertificates, exchange(200, '{"keys":')), /no JWKS key list/);
  });

  it('a token signature is not run without a JWKS, and says why the JWKS is missing', async () => {
    const token = signJwt({ iss: 'https://tenant.example/', sub: 'client@clients' });
    const outcome = await run(
      signatureValid.access_token,
      tokenUnderTest(
        'access_token',
        token,
        { issuer: 'https://tenant.example/', clientId: 'client' },
        undefined,
        'JWKS fetch failed: no response: dial tcp 127.0.0.1:9: connect: connection refused (k6 error 1212)',
      ),
    );
    assertNotRun(outcome, /^JWKS fetch failed: no response: .*connection refused/);
  });

  it('iss.equals_discovery_issuer is not run when discovery gave no issuer', async () => {
    const token = signJwt({ iss: 'https://tenant.example/', sub: 'client@clients' });
    const outcome = await run(
      issuerEqualsDiscovery.access_token,
      tokenUnderTest('access_token', token, { issuer: 'https://tenant.example/', clientId: 'client' }),
    );
    assertNotRun(outcome, /discovery gave no issuer/);
  });

  it('ratelimit.headers.present is not run when no response came back to read', async () => {
    assertNotRun(
      await run(headersPresent, { bucket: { burst: 5, refillPerSecond: 1 }, samples: [], clockSkewSeconds: 2 }),
      /no response/,
    );
  });

  it('flow.completed_without_exception names the flow and the exception, as an exception', async () => {
    const keyError = Object.assign(new Error('Invalid keyData'), { name: 'DataError' });
    const outcome = await run(flowCompletedWithoutException, {
      flow: 'token endpoint grants and refusals (private_key_jwt)',
      error: keyError,
    });
    assert.deepEqual(outcome, {
      ok: false,
      cause: 'exception',
      message: 'the token endpoint grants and refusals (private_key_jwt) flow stopped with DataError: Invalid keyData',
    });
    assert.match(
      (await run(flowCompletedWithoutException, { flow: 'revocation', error: 'a string' })).message ?? '',
      /stopped with a thrown string: a string/,
    );
  });
});
