import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ExpectedFailuresFile,
  expectedFailureFor,
  expectedFailureOutcomes,
} from '../../lib/k6-and-node/expected-failures.ts';

const row = (
  id: string,
  fails: number,
  credential: string | null = 'client_secret_post',
  endpoint = 'POST /oauth/token',
) => ({ id, endpoint, credential, fails, passes: fails ? 0 : 1 });

describe('expected failures', () => {
  const entries = [
    {
      checkId: 'token_error.wrong_secret.code.is_access_denied_or_invalid_client',
      endpoint: 'POST /oauth/token',
      credential: 'client_secret_post',
      reason: 'TICKET-1',
    },
    { checkId: 'http.content_type.is_json', reason: 'proxy rewrites the type' },
  ];

  it('excuses only the row it names: id, and endpoint and credential when given', () => {
    assert.equal(
      expectedFailureFor(entries, row('token_error.wrong_secret.code.is_access_denied_or_invalid_client', 1))?.reason,
      'TICKET-1',
    );
    assert.equal(
      expectedFailureFor(
        entries,
        row('token_error.wrong_secret.code.is_access_denied_or_invalid_client', 1, 'client_secret_basic'),
      ),
      undefined,
    );
    assert.equal(expectedFailureFor(entries, row('token_error.wrong_secret.status.is_401', 1)), undefined);
    assert.equal(
      expectedFailureFor(entries, row('http.content_type.is_json', 1, null, 'GET /userinfo'))?.reason,
      'proxy rewrites the type',
    );
  });

  it('reports an entry as failed_as_expected, stale once its check passes everywhere, or not_run', () => {
    const outcomes = expectedFailureOutcomes(entries, [
      row('token_error.wrong_secret.code.is_access_denied_or_invalid_client', 1),
      row('x', 0),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['failed_as_expected', 'not_run'],
    );
    const stale = expectedFailureOutcomes(entries, [
      row('token_error.wrong_secret.code.is_access_denied_or_invalid_client', 0),
      row('http.content_type.is_json', 0),
    ]);
    assert.deepEqual(
      stale.map((o) => o.status),
      ['stale', 'stale'],
    );
  });

  it('requires a reason for every entry', () => {
    const parsed = ExpectedFailuresFile.safeParse({
      expectedFailures: [{ checkId: 'a.b', reason: '' }, { checkId: 'a.c' }],
    });
    assert.equal(parsed.success, false);
    assert.deepEqual(
      parsed.error?.issues.map((i) => i.path.join('.')),
      ['expectedFailures.0.reason', 'expectedFailures.1.reason'],
    );
  });
});
