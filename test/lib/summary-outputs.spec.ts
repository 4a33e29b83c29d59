import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summaryOutputs } from '../../lib/summary-outputs.ts';

// handleSummary runs inside k6, where __ENV holds the -e variables.
(globalThis as { __ENV?: Record<string, string> }).__ENV = { HARNESS_OUT: 'out/raw' };

describe("handleSummary's terminal line", () => {
  it('counts checks as the reports do (one per check id, endpoint and credential method) and names evaluations apart', () => {
    const data = {
      metrics: { checks: { values: { passes: 6, fails: 1, rate: 6 / 7 } } },
      root_group: {
        checks: [
          { name: 'POST /oauth/token | client_secret_post | token_response.schema', passes: 3, fails: 0 },
          { name: 'POST /oauth/token | client_secret_post | token_response.status.is_200', passes: 2, fails: 1 },
        ],
        groups: [
          {
            checks: [{ name: 'POST /oauth/token | client_secret_post | token_response.schema', passes: 1, fails: 0 }],
            groups: [],
          },
        ],
      },
    };
    assert.equal(
      summaryOutputs(data, 'load').stdout,
      'load: 2 checks (7 evaluations): 1 passed every evaluation, 1 failed at least once\n',
    );
  });
});
