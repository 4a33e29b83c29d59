import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abortOnFailMessage, incompleteReason } from '../../cli/engine-outcome.ts';

// k6's own words (cmd/run.go), which the local engine repeats.
const K6_ABORT =
  "thresholds on metrics 'http_req_duration{endpoint:POST /oauth/token}' were crossed; at least one has abortOnFail enabled, stopping test prematurely";

describe('engine outcome', () => {
  it('a run that exits 0, or 99 with thresholds crossed, completed', () => {
    assert.equal(incompleteReason({ exitCode: 0, engineName: 'k6' }), undefined);
    assert.equal(incompleteReason({ exitCode: 99, engineName: 'k6' }), undefined);
  });

  it("a threshold's abortOnFail makes the run incomplete, though k6 exits 99 for it too", () => {
    const aborted = abortOnFailMessage(K6_ABORT);
    assert.equal(aborted, K6_ABORT);
    assert.equal(abortOnFailMessage('thresholds on metrics were crossed'), undefined);
    assert.match(
      incompleteReason({ exitCode: 99, engineName: 'k6', abortedByThreshold: aborted }) ?? '',
      /^a threshold with abortOnFail stopped the run: thresholds on metrics 'http_req_duration/,
    );
  });

  it('an interrupt or any other exit code makes it incomplete, saying which', () => {
    assert.match(
      incompleteReason({ exitCode: 105, engineName: 'local engine', interruptedBy: 'SIGINT' }) ?? '',
      /^interrupted by SIGINT/,
    );
    assert.equal(
      incompleteReason({ exitCode: 107, engineName: 'local engine' }),
      'the local engine run ended with exit code 107',
    );
    assert.equal(
      incompleteReason({ exitCode: null, killedBy: 'SIGKILL', engineName: 'k6' }),
      'the k6 process was killed by SIGKILL',
    );
  });
});
