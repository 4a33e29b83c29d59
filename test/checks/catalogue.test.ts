import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCatalogue } from '../../checks/catalogue.ts';

describe('check catalogue', () => {
  it('gives every check a dotted lower-case id, a reference, a severity and a title', () => {
    assert.ok(checkCatalogue.size > 10);
    for (const [id, check] of checkCatalogue) {
      assert.match(id, /^[a-z0-9_]+(\.[a-z0-9_#]+)+$/, `bad id ${id}`);
      assert.ok(check.ref.length > 0, `${id} has no reference`);
      assert.ok(check.severity === 'failure' || check.severity === 'warning');
      assert.ok(check.title.endsWith('.'), `${id}'s title should be a sentence`);
    }
  });
});
