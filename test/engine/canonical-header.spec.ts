import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalHeaderName } from '../../engine/canonical-header.ts';

describe('response header canonicalisation (as Go and k6 do it)', () => {
  it('upper-cases the first letter and each letter after a hyphen, lower-cases the rest', () => {
    assert.equal(canonicalHeaderName('x-ratelimit-remaining'), 'X-Ratelimit-Remaining');
    assert.equal(canonicalHeaderName('X-RATELIMIT-LIMIT'), 'X-Ratelimit-Limit');
    assert.equal(canonicalHeaderName('www-authenticate'), 'Www-Authenticate');
    assert.equal(canonicalHeaderName('content-type'), 'Content-Type');
  });

  it('leaves names with characters outside the token set alone', () => {
    assert.equal(canonicalHeaderName('bad header'), 'bad header');
  });
});
