import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBase64, encodeBase64 } from '../../lib/k6-and-node/polyfills/base64.ts';
import { Utf8Decoder, Utf8Encoder } from '../../lib/k6-and-node/polyfills/utf8.ts';

describe('web-global polyfills for k6', () => {
  it('TextEncoder/TextDecoder polyfills agree with the platform on multi-byte text', () => {
    const text = 'Auth0 ✓ 日本 😀 ü';
    assert.deepEqual(new Utf8Encoder().encode(text), new TextEncoder().encode(text));
    assert.equal(new Utf8Decoder().decode(new TextEncoder().encode(text)), text);
  });

  it('btoa/atob polyfills agree with the platform, and reject what it rejects', () => {
    for (const s of ['', 'f', 'fo', 'foo', 'm2m:secret', '\u00ff\u0000\u0080']) {
      assert.equal(encodeBase64(s), btoa(s));
      assert.equal(decodeBase64(btoa(s)), s);
    }
    assert.throws(() => encodeBase64('✓'));
    assert.throws(() => decodeBase64('@@@'));
  });
});
