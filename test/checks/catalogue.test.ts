import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCatalogue, duplicateCheckIds } from '../../checks/catalogue.ts';
import { fixturesFor } from './check-fixtures.ts';

describe('check catalogue', () => {
  it('gives every check a dotted lower-case id, a reference, a severity and a title', () => {
    assert.ok(checkCatalogue.size > 100);
    for (const [id, check] of checkCatalogue) {
      assert.match(id, /^[a-z0-9_]+(\.[a-z0-9_#]+)+$/, `bad id ${id}`);
      assert.ok(check.ref.length > 0, `${id} has no reference`);
      assert.ok(check.severity === 'failure' || check.severity === 'warning');
      assert.ok(check.title.endsWith('.'), `${id}'s title should be a sentence`);
    }
  });

  it('never gives one id to two different rules', () => {
    assert.deepEqual(duplicateCheckIds(), []);
  });

  it('has, for every check, a fixture it passes and a broken one it fails, with a message saying why', async () => {
    const missing: string[] = [];
    for (const [id, check] of checkCatalogue) {
      const fixtures = fixturesFor(id);
      if (!fixtures || fixtures.good.length === 0 || fixtures.bad.length === 0) {
        missing.push(id);
        continue;
      }
      for (const [i, input] of fixtures.good.entries()) {
        const outcome = await check.run(input as never);
        assert.equal(outcome.ok, true, `${id} should pass good fixture #${i}: ${outcome.message}`);
      }
      for (const [i, input] of fixtures.bad.entries()) {
        const outcome = await check.run(input as never);
        assert.equal(outcome.ok, false, `${id} should fail broken fixture #${i}`);
        assert.notEqual(
          outcome.notRun,
          true,
          `${id} should judge broken fixture #${i}, not skip it: ${outcome.message}`,
        );
        assert.ok((outcome.message ?? '').length > 0, `${id} should say why it failed broken fixture #${i}`);
      }
    }
    assert.deepEqual(missing, [], 'checks without a passing and a failing fixture');
  });
});
