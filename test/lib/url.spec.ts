import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redirectParams } from '../../checks/http/redirect.ts';
import { pathOf, resolveUrl } from '../../lib/url.ts';

describe('URL arithmetic without the URL global (k6 has none)', () => {
  it('resolves Location headers and form actions as a browser does', () => {
    const base = 'http://127.0.0.1:4000/u/login?state=abc';
    for (const [location, want] of [
      ['https://app.example/cb?code=1', 'https://app.example/cb?code=1'],
      ['/authorize/resume?state=x', 'http://127.0.0.1:4000/authorize/resume?state=x'],
      ['mfa?state=y', 'http://127.0.0.1:4000/u/mfa?state=y'],
      ['?state=z', 'http://127.0.0.1:4000/u/login?state=z'],
      ['//other.example/x', 'http://other.example/x'],
    ]) {
      assert.equal(resolveUrl(location, base), want);
      assert.equal(
        resolveUrl(location, base),
        new URL(location, base).toString(),
        `agrees with WHATWG URL for ${location}`,
      );
    }
    assert.equal(pathOf('http://127.0.0.1:4000/u/login?state=abc'), '/u/login');
    assert.equal(pathOf('https://tenant.example'), '/');
  });

  it('reads redirect parameters from the query or the fragment, decoding + and %xx', () => {
    const location = 'https://app.example/cb?code=a%2Fb&state=x+y#access_token=t&state=frag';
    assert.equal(redirectParams(location, 'query').get('code'), 'a/b');
    assert.equal(redirectParams(location, 'query').get('state'), 'x y');
    assert.equal(redirectParams(location, 'fragment').get('state'), 'frag');
    assert.equal(redirectParams(location, 'fragment').has('code'), false);
  });
});
