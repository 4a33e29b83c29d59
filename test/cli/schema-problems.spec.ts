import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { jsonPath, schemaProblems } from '../../cli/schema-problems.ts';

const Schema = z.object({
  name: z.string().min(1),
  reason: z.string().min(1, { message: 'say why' }),
  count: z.number().int().min(1).optional(),
  mode: z.enum(['open', 'closed']).optional(),
  url: z.url().optional(),
  clientSecret: z
    .string()
    .regex(/^[a-z]+$/, { message: 'expected lower-case letters' })
    .optional(),
  items: z
    .array(z.object({ id: z.string() }))
    .min(1)
    .optional(),
});

describe('schema problems, as sentences', () => {
  it('names the field by its JSON path and says what was expected and what was read', () => {
    assert.deepEqual(schemaProblems(Schema, { name: 42, reason: '', count: 0, mode: 'half', url: 'nope', items: [] }), [
      'count: must be at least 1, not 0.',
      'items: must list at least 1 entry.',
      'mode: must be one of "open", "closed", not "half".',
      'name: must be a string, not 42.',
      'reason: say why.',
      'url: must be an absolute URL such as https://example.com/callback, not "nope".',
    ]);
  });

  it('says how to give a missing field, and lists the known keys beside an unknown one it cannot place', () => {
    assert.deepEqual(
      schemaProblems(Schema, { reason: 'r', items: [{ Id: 'x' }] }, { howToGive: () => 'add it to the file' }),
      [
        'items[0].Id: unknown field; did you mean "id"?',
        'items[0].id: missing; add it to the file.',
        'name: missing; add it to the file.',
      ],
    );
    assert.deepEqual(schemaProblems(z.object({ alpha: z.string() }), { alpha: 'a', zzzzzzzz: 1 }), [
      'zzzzzzzz: unknown field; remove it (known here: alpha).',
    ]);
  });

  it('never quotes the value of a field that holds a secret', () => {
    const [problem] = schemaProblems(Schema, { name: 'n', reason: 'r', clientSecret: 'Hunter2' });
    assert.equal(problem, 'clientSecret: expected lower-case letters.');
  });

  it('writes paths as JSON paths: dots for names, brackets for indexes and odd keys', () => {
    assert.equal(jsonPath(['apps', 0, 'clientGrants', 1, 'audience']), 'apps[0].clientGrants[1].audience');
    assert.equal(jsonPath(['limits', 'per-minute']), 'limits["per-minute"]');
    assert.equal(jsonPath([]), '(the top level)');
  });
});
