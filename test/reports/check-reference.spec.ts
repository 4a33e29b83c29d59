import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkReference } from '../../reports/check-reference.ts';

describe("a check's reference", () => {
  it('becomes links with short labels when it is a URL', () => {
    assert.deepEqual(checkReference('https://www.rfc-editor.org/rfc/rfc6749#section-5.2'), {
      links: [{ name: 'RFC 6749 §5.2', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2' }],
      text: '',
    });
    assert.deepEqual(checkReference('https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation').links, [
      {
        name: 'openid.net: openid-connect-core-1_0.html #IDTokenValidation',
        url: 'https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation',
      },
    ]);
    assert.equal(
      checkReference('https://auth0.com/docs/api/authentication/token-exchange').links[0].name,
      'auth0.com: token-exchange',
    );
  });

  it('stays text when it is not a URL, and keeps the text beside any URL', () => {
    assert.deepEqual(checkReference('RFC6749-5.1, docs/auth0-api.md §4.2'), {
      links: [],
      text: 'RFC6749-5.1, docs/auth0-api.md §4.2',
    });
    const mixed = checkReference('OIDCC-3.1.3.7, https://www.rfc-editor.org/rfc/rfc7519#section-4.1.7');
    assert.equal(mixed.text, 'OIDCC-3.1.3.7');
    assert.equal(mixed.links[0].name, 'RFC 7519 §4.1.7');
  });
});
