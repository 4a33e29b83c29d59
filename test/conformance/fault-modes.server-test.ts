import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildBundles } from '../../build.mjs';
import type { RunSummary } from '../../reports/run-summary.ts';
import { DEVIATION_NAMES, type DeviationName } from '../../tenant/faults/deviations.ts';
import { startTenant } from '../../tenant/start-tenant.ts';
import { COVERAGE_DEVIATIONS } from '../support/coverage-deviations.ts';
import { runConformanceBundle } from '../support/run-conformance-bundle.ts';
import { repoRoot } from '../support/run-cli.ts';

// Each of the local tenant's deviations breaks one contract point; the conformance run must fail on
// it and name a check that caught it. ratelimit.* deviations belong to the rate-limit suite.

/** The check (or check id pattern) that must fail under each deviation. */
const CAUGHT_BY: Partial<Record<DeviationName, RegExp>> = {
  'token.iss_without_trailing_slash': /^access_token\.iss\.equals_issuer$/,
  'token.wrong_iss': /^access_token\.iss\.equals_issuer$/,
  'token.expired': /^access_token\.exp\.valid_lifetime$/,
  'token.bad_signature': /^access_token\.signature\.valid_against_jwks$/,
  'token.unknown_kid': /^access_token\.signature\.valid_against_jwks$/,
  'token.wrong_aud': /^access_token\.aud\.contains_audience$/,
  'token.wrong_sub': /^access_token\.sub\.is_client_id_at_clients$/,
  'token.missing_gty': /^access_token\.gty\.matches_grant$/,
  'token.wrong_cnf': /^access_token\.cnf\.x5t_s256_matches_certificate$/,
  'error.wrong_shape': /^token_error\.[a-z_]+\.code\.is_/,
  'error.wrong_status': /^token_error\.wrong_secret\.status\.is_401$/,
  'http.missing_no_store': /^token_response\.cache_control\.no_store$/,
  'http.wrong_content_type': /^http\.content_type\.is_json$/,
  'discovery.issuer_mismatch':
    /^(discovery\.issuer\.equals_configured_issuer|access_token\.iss\.equals_discovery_issuer)$/,
  'discovery.server_error': /^discovery\.status\.is_200$/,
  'jwks.missing_x5c': /^jwks\.keys\.carry_x5c_and_x5t$/,
  'jwks.unreachable': /^jwks\.status\.is_200$/,
  'jwks.malformed': /^jwks\.schema$/,
  'token.refuse_all_clients': /^token_response\.status\.is_200$/,
  'id_token.nonce_not_echoed': /^id_token\.nonce\.echoed$/,
  'id_token.wrong_at_hash': /^id_token\.at_hash\.matches_access_token$/,
};

// The deviations of the full matrix's endpoints and checks run grouped, in coverage-deviations.server-test.ts.
const conformanceDeviations = DEVIATION_NAMES.filter((d) => !d.startsWith('ratelimit.') && !COVERAGE_DEVIATIONS[d]);
const caughtDeviations = conformanceDeviations.filter((d) => CAUGHT_BY[d]);

// Deviations share a run where their catching checks are apart and none stops the flows another
// needs. Those that take a whole surface away (discovery, the JWKS, every token, every content type)
// share runs only with each other, never with a token deviation whose check reads that surface: on
// the auth0 profile the flows go on at Auth0's fixed paths without discovery, and a JWKS or a token
// endpoint that fails takes nothing from discovery's checks. Each catching check must also pass in a
// run without its deviation, so that a check failing for another reason of the same run would show.
const RUNS: DeviationName[][] = [
  ['token.iss_without_trailing_slash', 'error.wrong_shape', 'jwks.missing_x5c'],
  ['token.wrong_iss', 'error.wrong_status', 'id_token.nonce_not_echoed'],
  ['token.expired', 'http.missing_no_store', 'id_token.wrong_at_hash'],
  ['token.bad_signature', 'token.wrong_sub'],
  ['token.unknown_kid', 'token.wrong_aud'],
  ['token.missing_gty', 'token.wrong_cnf', 'discovery.issuer_mismatch'],
  ['discovery.server_error', 'jwks.malformed', 'token.refuse_all_clients'],
  ['jwks.unreachable', 'http.wrong_content_type'],
];

async function runWithDeviations(deviations: DeviationName[], dir: string): Promise<RunSummary> {
  const tenant = await startTenant({ faults: { deviations } });
  try {
    return await runConformanceBundle(tenant.harnessConfig(), path.join(dir, deviations.join('+')));
  } finally {
    await tenant.close();
  }
}

/** Every run, a few at a time (each with its own tenant, since faults are tenant-wide), in RUNS' order. */
async function runAll(dir: string): Promise<RunSummary[]> {
  const results: RunSummary[] = [];
  const queue = [...RUNS.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results[next[0]] = await runWithDeviations(next[1], dir);
  };
  await Promise.all([worker(), worker(), worker()]);
  return results;
}

describe('conformance against the local tenant in fault mode', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'harness-faults-'));
  let results: RunSummary[];
  before(async () => {
    await buildBundles({
      entryPoints: [path.join(repoRoot, 'scenarios', 'conformance.ts')],
      outdir: path.join(repoRoot, 'dist'),
      logLevel: 'silent',
    });
    results = await runAll(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('knows, for every conformance deviation, the check that catches it, and runs each once', () => {
    for (const deviation of conformanceDeviations)
      assert.ok(CAUGHT_BY[deviation], `${deviation} has no catching check`);
    assert.deepEqual(RUNS.flat().sort(), [...caughtDeviations].sort());
  });

  for (const deviation of caughtDeviations) {
    it(`${deviation}: the run fails and names the check that caught it, which passes without it`, () => {
      const runIndex = RUNS.findIndex((run) => run.includes(deviation));
      const summary = results[runIndex];
      assert.equal(summary.ok, false);
      const caught = summary.checks.filter(
        (c) => c.severity === 'failure' && c.fails > 0 && CAUGHT_BY[deviation]?.test(c.id),
      );
      assert.ok(
        caught.length > 0,
        `no failing check matched ${CAUGHT_BY[deviation]}; failing: ${summary.checks
          .filter((c) => c.fails > 0)
          .map((c) => c.id)
          .join(', ')}`,
      );
      assert.ok(
        caught.every((c) => c.message && c.message.length > 0),
        'each failure says what was seen',
      );
      // The same check, on the same endpoint and credential, passes in some run without the deviation.
      for (const c of caught) {
        const passesElsewhere = results.some(
          (other, i) =>
            i !== runIndex &&
            other.checks.some(
              (o) =>
                o.id === c.id &&
                o.endpoint === c.endpoint &&
                o.credential === c.credential &&
                o.fails === 0 &&
                o.passes > 0,
            ),
        );
        assert.ok(passesElsewhere, `${c.id} on ${c.endpoint} [${c.credential}] passes in no run without ${deviation}`);
      }
    });
  }
});
