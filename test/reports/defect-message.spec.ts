import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defectMessage } from '../../reports/defect-message.ts';

describe('defect message (how Allure groups a failure)', () => {
  it('reads the same for one defect seen with different random values, times, ports and counts', () => {
    const seen = [
      '2 of 12 failed: expected state "Qx81vZk2pLm09aBcD" in the query, got "zz" at http://127.0.0.1:41234/cb?state=abc&code=Xy12',
      'expected state "77aa91BBcc02ddEE" in the query, got "zz" at http://127.0.0.1:38011/cb?state=def&code=Pq34',
    ];
    assert.equal(defectMessage(seen[0]), defectMessage(seen[1]));
    assert.equal(
      defectMessage(seen[1]),
      'expected state … in the query, got "zz" at http://127.0.0.1:<port>/cb?state=…&code=…',
    );
  });

  it('replaces jti, nonce, tokens, UUIDs and timestamps, and keeps the words that name the defect', () => {
    assert.equal(
      defectMessage(
        'jti "f3a1c2d4-0b1e-4c3a-9d2e-7f6a5b4c3d2e" was seen twice at 2026-11-27T10:00:00.123Z (exp 1796513780)',
      ),
      'jti … was seen twice at <time> (exp …)',
    );
    assert.equal(defectMessage('nonce: n-0S6_WzA2Mj was not echoed'), 'nonce: … was not echoed');
    assert.equal(
      defectMessage('access_token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln has typ "JWT", expected "at+jwt"'),
      'access_token <jwt> has typ "JWT", expected "at+jwt"',
    );
    assert.equal(defectMessage('expected status 200, got 403'), 'expected status 200, got 403');
    assert.equal(defectMessage('the state parameter is missing'), 'the state parameter is missing');
    assert.equal(
      defectMessage('expected error code "invalid_password", got "bad_request"'),
      'expected error code "invalid_password", got "bad_request"',
    );
  });
});
