import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactBody, redactHeaders, redactText, redactUrl } from '../../lib/k6-and-node/redact.ts';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('redaction', () => {
  it('replaces secrets in form bodies, keeping kind and length', () => {
    const out = redactBody('grant_type=client_credentials&client_id=m2m&client_secret=s3cr3t-value');
    assert.ok(!out.includes('s3cr3t-value'));
    assert.match(decodeURIComponent(out), /client_secret=\[redacted client_secret, 12 chars\]/);
    assert.match(out, /client_id=m2m/);
  });

  it('replaces secrets and tokens in JSON bodies but keeps error codes', () => {
    const out = redactBody(
      JSON.stringify({ access_token: jwt, refresh_token: 'rt-123', code: 'user_exists', name: 'BadRequestError' }),
    );
    assert.ok(!out.includes(jwt) && !out.includes('rt-123'));
    assert.match(out, /"code":"user_exists"/);
    const token = redactBody(JSON.stringify({ grant_type: 'authorization_code', code: 'authz-code-1' }));
    assert.ok(!token.includes('authz-code-1'));
  });

  it('redacts Authorization, cname-api-key and client-certificate headers', () => {
    const out = redactHeaders({
      Authorization: 'Basic bTJtOnNlY3JldA==',
      'cname-api-key': 'key-1',
      'Content-Type': 'application/json',
    });
    assert.equal(out.Authorization, 'Basic [redacted basic credentials, 16 chars]');
    assert.equal(out['cname-api-key'], '[redacted cname-api-key, 5 chars]');
    assert.equal(out['Content-Type'], 'application/json');
  });

  it('redacts JWTs and PEM blocks in free text and codes in redirect URLs', () => {
    assert.ok(!redactText(`token ${jwt} seen`).includes(jwt));
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
    assert.ok(!redactText(pem).includes('MIIE'));
    const url = redactUrl('https://app.example/cb?code=abc123&state=xyz#access_token=tok');
    assert.ok(!url.includes('abc123') && !url.includes('=tok'));
    assert.match(url, /state=xyz/);
  });

  it('redacts secret fields quoted in free text, but leaves labels and error codes readable', () => {
    const out = redactText('rejected client_secret=abc123&x=1 with {"password":"pa ss","code":"invalid_grant"}');
    assert.equal(
      out,
      'rejected client_secret=[redacted client_secret, 6 chars]&x=1 with {"password":"[redacted password, 5 chars]","code":"invalid_grant"}',
    );
    assert.equal(redactText('access_token: missing from the response'), 'access_token: missing from the response');
  });

  it('redacts a PEM private key cut short, and a scheme-less Authorization header whole', () => {
    const cut = redactText('key: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    assert.ok(!cut.includes('MIIEvQ'), cut);
    assert.deepEqual(redactHeaders({ authorization: 'opaque-token-value' }), {
      authorization: '[redacted authorization, 18 chars]',
    });
  });

  it('never throws on a malformed %-escape, and still redacts the pair', () => {
    const out = redactBody('grant_type=password&password=100%25%zz');
    assert.ok(!out.includes('%zz'), out);
    assert.match(decodeURIComponent(out.split('&')[1].split('=')[1]), /\[redacted password, \d+ chars\]/);
  });
});
