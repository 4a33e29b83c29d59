import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONFORMANCE_MATRIX, matrixFor, type Profile } from '../../lib/k6-and-node/conformance-matrix.ts';
import {
  cellsNothingJudged,
  CONFORMANCE_FLOWS,
  conformancePlan,
  DISCOVERY_ROWS,
  type FlowSpec,
} from '../../lib/conformance/conformance-plan.ts';
import { CREDENTIAL_METHODS } from '../../lib/k6-and-node/credential-methods.ts';

const PROFILES: Profile[] = ['auth0', 'oidc'];
const key = (endpoint: string, credential: string | null) => `${endpoint} [${credential}]`;

describe('the conformance plan', () => {
  for (const profile of PROFILES) {
    it(`covers every applicable ${profile} cell with discovery or a flow, and no other cell`, () => {
      const covered = new Set([
        ...DISCOVERY_ROWS.map((endpoint) => key(endpoint, 'none')),
        ...conformancePlan(profile).flatMap((f) => f.cells.map((c) => key(c.endpoint, c.credential))),
      ]);
      for (const row of matrixFor(profile)) {
        for (const method of CREDENTIAL_METHODS) {
          const cell = key(row.endpoint, method);
          if (!row.cells[method].applies) {
            assert.ok(!covered.has(cell), `${cell} is not applicable, yet planned`);
            continue;
          }
          assert.ok(covered.has(cell), `${cell} is applicable, yet no flow covers it`);
        }
      }
    });
  }

  it('runs a flow once per credential method its matrix row applies to, as the matrix says', () => {
    const token = conformancePlan('oidc').filter((f) => f.id === 'tokenEndpoint');
    const row = CONFORMANCE_MATRIX.find((r) => r.endpoint === 'POST /oauth/token');
    assert.deepEqual(
      token.map((f) => f.method),
      CREDENTIAL_METHODS.filter((m) => row?.cells[m].applies),
    );
    assert.deepEqual(
      conformancePlan('auth0')
        .filter((f) => f.id === 'revocation')
        .map((f) => f.method),
      ['none', 'client_secret_post', 'client_secret_basic', 'private_key_jwt'],
    );
  });

  it('names each run after its flow and method, and gives it the cells an exception would fail', () => {
    const mfa = conformancePlan('auth0').find((f) => f.id === 'mfaLogin' && f.method === 'private_key_jwt');
    assert.equal(mfa?.name, 'MFA login (private_key_jwt)');
    assert.deepEqual(mfa?.cells, [
      { endpoint: 'POST /mfa/challenge', credential: 'private_key_jwt' },
      { endpoint: 'POST /oauth/token', credential: 'private_key_jwt' },
    ]);
    const device = conformancePlan('oidc').find((f) => f.id === 'deviceFlow');
    assert.equal(device?.name, 'device flow polling');
  });

  it('keeps Auth0-only flows out of the oidc profile', () => {
    const ids = new Set(conformancePlan('oidc').map((f) => f.id));
    for (const auth0Only of ['passwordRealmLogin', 'logout', 'backchannelAuthentication', 'mfaApi'])
      assert.ok(!ids.has(auth0Only as never), auth0Only);
  });

  it("drives the oidc profile's browser cells through the provider's own pages, leaving none undriven", () => {
    const plan = conformancePlan('oidc');
    assert.deepEqual(
      plan.filter((f) => f.id === 'codeWithPkce').flatMap((f) => f.cells),
      [
        { endpoint: 'GET /authorize', credential: 'none' },
        { endpoint: 'POST /oauth/token', credential: 'none' },
      ],
    );
    assert.deepEqual(
      plan.filter((f) => f.id === 'rpInitiatedLogout').flatMap((f) => f.cells),
      [{ endpoint: 'GET /oidc/logout', credential: 'none' }],
    );
    assert.deepEqual(
      plan.filter((f) => f.id === 'codeForConfidentialClient').map((f) => f.method),
      ['client_secret_post', 'client_secret_basic', 'private_key_jwt', 'tls_client_auth', 'mtls_handshake'],
    );
  });

  it('names only matrix rows, each in every profile the flow runs in', () => {
    for (const [id, spec] of Object.entries(CONFORMANCE_FLOWS) as [string, FlowSpec][]) {
      for (const endpoint of [spec.row, ...(spec.alsoRows ?? [])])
        assert.ok(
          CONFORMANCE_MATRIX.some((r) => r.endpoint === endpoint),
          `${id}: ${endpoint} is not a matrix row`,
        );
      const row = CONFORMANCE_MATRIX.find((r) => r.endpoint === spec.row);
      for (const profile of spec.profiles)
        assert.ok(row?.profiles.includes(profile), `${id}: ${spec.row} in ${profile}`);
    }
  });

  it('gives each planned cell where nothing was judged its reason, and leaves judged or skipped cells alone', () => {
    const plan = conformancePlan('auth0');
    const judged = new Set(['POST /oauth/token [client_secret_post]', 'POST /mfa/challenge [none]']);
    const notRun = new Map([['POST /oauth/token [none]', 'the provider does not advertise the refresh_token grant']]);
    const recorded = {
      hasResult: (c: { endpoint: string; credential: string | null }) => judged.has(key(c.endpoint, c.credential)),
      notRunReason: (c: { endpoint: string; credential: string | null }) => notRun.get(key(c.endpoint, c.credential)),
    };
    const reasons = new Map(
      cellsNothingJudged(plan, recorded).map(({ cell, reason }) => [key(cell.endpoint, cell.credential), reason]),
    );
    assert.equal(reasons.has('POST /oauth/token [client_secret_post]'), false);
    assert.equal(reasons.has('POST /mfa/challenge [none]'), false);
    assert.equal(
      reasons.get('POST /oauth/token [none]'),
      'no check here had anything to judge: the provider does not advertise the refresh_token grant',
    );
    assert.equal(
      reasons.get('POST /mfa/challenge [private_key_jwt]'),
      'the MFA login (private_key_jwt) flow ended before reaching this endpoint (a step before it failed; see its findings)',
    );
    assert.match(
      reasons.get('GET /oidc/logout [none]') ?? '',
      /^the RP-initiated logout flow ended before reaching this endpoint/,
    );
    assert.match(
      reasons.get('POST /oauth/token [private_key_jwt]') ?? '',
      /^the flows token endpoint grants and refusals \(private_key_jwt\), .*MFA login \(private_key_jwt\)/,
    );
  });
});
