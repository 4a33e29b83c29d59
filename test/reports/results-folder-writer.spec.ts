import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Status, type TestResult } from 'allure-js-commons';
import { FileSystemWriter } from 'allure-js-commons/sdk/reporter';
import { ResultsFolderWriter } from '../../reports/results-folder-writer.ts';

describe('the Allure results writer', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'harness-results-writer-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("writes a result where allure-js's own writer does, as it does, into a folder it makes", () => {
    const result = {
      uuid: '6f1c2a0e-0d7e-4c52-9c1e-3b0a8e1d2f40',
      name: 'token_response.schema',
      fullName: 'conformance: POST /oauth/token token_response.schema',
      status: Status.PASSED,
      labels: [{ name: 'epic', value: 'conformance' }],
      start: 1,
      stop: 2,
    } as unknown as TestResult;
    const ours = path.join(scratch, 'ours', 'allure-results');
    const theirs = path.join(scratch, 'theirs');
    new ResultsFolderWriter(ours).writeResult(result);
    new FileSystemWriter({ resultsDir: theirs }).writeResult(result);
    assert.deepEqual(readdirSync(ours), readdirSync(theirs));
    const [file] = readdirSync(ours);
    assert.equal(readFileSync(path.join(ours, file), 'utf8'), readFileSync(path.join(theirs, file), 'utf8'));
  });
});
