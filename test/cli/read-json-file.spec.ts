import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { readJsonFile } from '../../cli/read-json-file.ts';
import { UsageError } from '../../cli/usage-error.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'read-json-'));
const role = { flag: '--config', what: 'a harness configuration JSON file' };
const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};
const refusal = (file: string): string => {
  try {
    readJsonFile(file, role);
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a usage error, got ${error}`);
    return error.message;
  }
  assert.fail('expected the file to be refused');
};

describe('reading a JSON file the user named', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names the flag, the file and the fix when the file is missing, a folder or empty', () => {
    assert.equal(
      refusal(path.join(dir, 'nope.json')),
      `--config: ${path.join(dir, 'nope.json')} does not exist; give the path of a harness configuration JSON file.`,
    );
    assert.equal(refusal(dir), `--config: ${dir} is a folder; give the path of a harness configuration JSON file.`);
    assert.match(refusal(write('empty.json', ' \n')), /^--config: .*empty\.json is empty; it should hold a harness/);
  });

  it('locates a syntax error by line and column, and names a trailing comma', () => {
    assert.match(
      refusal(write('comma.json', '{\n  "a": 1\n  "b": 2\n}')),
      /comma\.json is not valid JSON: a comma is expected at line 3, column 3; correct it there\.$/,
    );
    assert.match(
      refusal(write('trailing.json', '{\n  "a": [1, 2,],\n  "b": 2\n}')),
      /a trailing comma before \] \(JSON allows none\) at line 2, column 14/,
    );
    assert.match(refusal(write('comment.json', '{ // a note\n}')), /a comment \(JSON has none\) at line 1, column 3/);
  });

  it('never quotes the text around a syntax error, which may be a secret', () => {
    const message = refusal(write('secret.json', '{"clientSecret": s3cr3t-value}'));
    assert.match(message, /an unexpected character at line 1, column 18/);
    assert.doesNotMatch(message, /s3cr3t/);
  });

  it('skips a UTF-8 byte order mark, and refuses UTF-16 and bytes that are not UTF-8', () => {
    assert.deepEqual(readJsonFile(write('bom.json', Buffer.from('\uFEFF{"a": 1}', 'utf8')), role), { a: 1 });
    assert.match(
      refusal(write('utf16.json', Buffer.from('\uFEFF{"a": 1}', 'utf16le'))),
      /utf16\.json is UTF-16 text; save it as UTF-8\.$/,
    );
    assert.match(
      refusal(write('latin1.json', Buffer.from('{"name": "Jos\xe9"}', 'latin1'))),
      /latin1\.json is not UTF-8 text; save it as UTF-8\.$/,
    );
  });
});
