import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { closestKey, unknownFields } from '../../cli/unknown-fields.ts';

const Schema = z.object({
  baseUrl: z.string().transform((u) => u.replace(/\/+$/, '')),
  clients: z.object({ client_secret_post: z.object({ clientId: z.string(), clientSecret: z.string() }).optional() }),
  apps: z.array(z.object({ name: z.string() })).default([]),
  limits: z.partialRecord(z.enum(['token', 'userinfo']), z.object({ burst: z.number() }).nullable()).default({}),
  extras: z.looseObject({ known: z.string().optional() }).optional(),
});

describe('unknown fields', () => {
  it('finds a misspelt key at any depth (objects, lists, records of fixed keys) with the key it meant', () => {
    const found = unknownFields(Schema, {
      baseURL: 'x',
      clients: { client_secret_post: { clientId: 'a', clientSecrt: 'b' } },
      apps: [{ name: 'a' }, { nmae: 'b' }],
      limits: { tokn: { burst: 1, brust: 2 } },
    });
    assert.deepEqual(
      found.map((f) => [f.path.join('.'), f.suggestion]),
      [
        ['baseURL', 'baseUrl'],
        ['clients.client_secret_post.clientSecrt', 'clientSecret'],
        ['apps.1.nmae', 'name'],
        ['limits.tokn', 'token'],
      ],
    );
  });

  it('lets an open (loose) object keep its extra keys, and accepts keys a caller declares', () => {
    assert.deepEqual(unknownFields(Schema, { baseUrl: 'x', clients: {}, extras: { anything: 1 } }), []);
    assert.deepEqual(
      unknownFields(Schema, { baseUrl: 'x', clients: { client_secret_post: { privateKeyFile: 'k' } } }, (p) =>
        p.join('.') === 'clients.client_secret_post' ? ['privateKeyFile'] : [],
      ),
      [],
    );
  });

  it('suggests only a close key: the same but for case, or a few edits away', () => {
    assert.equal(closestKey('AUDIENCE', ['audience', 'issuer']), 'audience');
    assert.equal(closestKey('isuer', ['audience', 'issuer']), 'issuer');
    assert.equal(closestKey('tenantDomain', ['audience', 'issuer']), undefined);
  });
});
