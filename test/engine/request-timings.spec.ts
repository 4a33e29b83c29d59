import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestTimings, type DialInstants, type RequestInstants } from '../../engine/wire/request-timings.ts';

// Instants in ms on performance.now()'s clock; 0 is "not reached", as the wire notes them.
const request = (instants: Partial<RequestInstants>): RequestInstants => ({
  startedAt: 100,
  dialled: undefined,
  writeAt: 0,
  sentAt: 0,
  firstByteAt: 0,
  lastReadAt: 0,
  ...instants,
});
const dial = (instants: Partial<DialInstants>): DialInstants => ({
  tls: false,
  dialAt: 100,
  lookupAt: 0,
  connectedAt: 0,
  secureAt: 0,
  ...instants,
});

describe('request timings', () => {
  it('a request on a kept-alive connection is blocked until its head is written, and connects in no time', () => {
    const t = requestTimings(request({ writeAt: 102, sentAt: 103, firstByteAt: 110, lastReadAt: 115 }), 115);
    assert.deepEqual(t, {
      blocked: 2,
      connecting: 0,
      tls_handshaking: 0,
      sending: 1,
      waiting: 7,
      receiving: 5,
      duration: 13,
    });
  });

  it('a request that dials is blocked until the dial starts after the name lookup; connecting is the TCP set-up', () => {
    const dialled = dial({ dialAt: 101, lookupAt: 104, connectedAt: 109 });
    const t = requestTimings(request({ dialled, writeAt: 109, sentAt: 109, firstByteAt: 120, lastReadAt: 120 }), 120);
    assert.equal(t.blocked, 4);
    assert.equal(t.connecting, 5);
    assert.equal(t.tls_handshaking, 0);
    assert.equal(t.receiving, 0, 'an answer read at once takes no time to receive');
    assert.equal(t.duration, t.sending + t.waiting + t.receiving);
  });

  it('a dial to an IP address (no lookup) connects from the dial', () => {
    const dialled = dial({ dialAt: 103, connectedAt: 106 });
    const t = requestTimings(request({ dialled, writeAt: 106, sentAt: 106, firstByteAt: 108, lastReadAt: 108 }), 108);
    assert.equal(t.blocked, 3);
    assert.equal(t.connecting, 3);
  });

  it('a TLS connection shakes hands from the TCP connection to the secure one', () => {
    const dialled = dial({ tls: true, dialAt: 100, connectedAt: 102, secureAt: 110 });
    const t = requestTimings(request({ dialled, writeAt: 110, sentAt: 110, firstByteAt: 111, lastReadAt: 111 }), 111);
    assert.equal(t.connecting, 2);
    assert.equal(t.tls_handshaking, 8);
  });

  it('an answer that arrives before the kernel reported the last byte taken ends sending there', () => {
    const t = requestTimings(request({ writeAt: 100, sentAt: 0, firstByteAt: 104, lastReadAt: 104 }), 104);
    assert.equal(t.sending, 4);
    assert.equal(t.waiting, 0);
  });

  it('a request refused before it connected spends its time connecting, and sends nothing', () => {
    const dialled = dial({ dialAt: 100 });
    const t = requestTimings(request({ dialled }), 130);
    assert.equal(t.connecting, 30);
    assert.equal(t.sending, 0);
    assert.equal(t.waiting, 0);
    assert.equal(t.receiving, 0);
    assert.equal(t.duration, 0);
  });

  it('a request that timed out waiting for an answer waits until it failed', () => {
    const t = requestTimings(request({ writeAt: 100, sentAt: 101 }), 160);
    assert.equal(t.sending, 1);
    assert.equal(t.waiting, 59);
    assert.equal(t.receiving, 0);
    assert.equal(t.duration, 60);
  });
});
