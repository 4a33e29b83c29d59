import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestHead } from '../../engine/wire/request-head.ts';
import { wireTarget } from '../../engine/wire/wire-target.ts';

const target = wireTarget(new URL('http://127.0.0.1:8080/oauth/token?x=1'));
const other = wireTarget(new URL('http://127.0.0.1:8080/userinfo'));
const text = (bytes: Buffer) => bytes.toString('utf8');

describe('request head', () => {
  it("is written as Go's client writes it", () => {
    const head = new RequestHead();
    assert.equal(
      text(head.bytesFor('GET', target, { 'User-Agent': 'k6' }, -1, false)),
      'GET /oauth/token?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: k6\r\n\r\n',
    );
    assert.equal(
      text(
        head.bytesFor(
          'POST',
          target,
          { host: 'tenant.example', 'Content-Length': '999', 'Content-Type': 'text/plain' },
          5,
          true,
        ),
      ),
      'POST /oauth/token?x=1 HTTP/1.1\r\nHost: tenant.example\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\n',
    );
    assert.equal(
      text(new RequestHead().bytesFor('PUT', target, {}, -1, false)),
      'PUT /oauth/token?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 0\r\n\r\n',
    );
  });

  it('writes the same bytes again for the same request, in a new headers object', () => {
    const head = new RequestHead();
    const first = head.bytesFor('GET', target, { 'User-Agent': 'k6', Accept: 'application/json' }, -1, false);
    assert.equal(head.bytesFor('GET', target, { Accept: 'application/json', 'User-Agent': 'k6' }, -1, false), first);
  });

  it('is built anew when anything that shapes it differs', () => {
    const base = {
      method: 'POST',
      target,
      headers: { 'User-Agent': 'k6' } as Record<string, string>,
      bodyBytes: 10,
      noReuse: false,
    };
    const variants: (typeof base)[] = [
      { ...base, method: 'PUT' },
      { ...base, target: other },
      { ...base, headers: { 'User-Agent': 'k6/2' } },
      { ...base, headers: { 'User-Agent': 'k6', Authorization: 'Bearer x' } },
      { ...base, headers: {} },
      { ...base, bodyBytes: 11 },
      { ...base, bodyBytes: -1 },
      { ...base, noReuse: true },
    ];
    for (const v of variants) {
      const head = new RequestHead();
      const before = text(head.bytesFor(base.method, base.target, base.headers, base.bodyBytes, base.noReuse));
      const after = text(head.bytesFor(v.method, v.target, v.headers, v.bodyBytes, v.noReuse));
      const fresh = text(new RequestHead().bytesFor(v.method, v.target, v.headers, v.bodyBytes, v.noReuse));
      assert.equal(after, fresh, `a reused head after ${JSON.stringify(v)}`);
      assert.notEqual(after, before);
    }
  });
});
