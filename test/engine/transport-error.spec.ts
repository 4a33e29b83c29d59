import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transportError } from '../../engine/wire/transport-error.ts';

const nodeError = (code: string, syscall?: string, message = `${syscall ?? ''} ${code}`) =>
  Object.assign(new Error(message), { code, syscall });
const ends = { host: 'tenant.local', remote: '127.0.0.1:8080', local: '127.0.0.1:50000' };

// k6's codes and messages: lib/netext/httpext/error_codes.go.
describe('transport errors as k6 names them', () => {
  it('a refused dial is 1212 "dial: connection refused"', () => {
    assert.deepEqual(
      transportError(nodeError('ECONNREFUSED', 'connect'), { host: '127.0.0.1', remote: '127.0.0.1:1' }),
      {
        code: 1212,
        message: 'dial: connection refused',
        cause: 'dial tcp 127.0.0.1:1: connect: connection refused',
      },
    );
  });

  it('a reset is 1220, named after the read or write it broke', () => {
    assert.deepEqual(transportError(nodeError('ECONNRESET', 'read'), ends), {
      code: 1220,
      message: 'read: connection reset by peer',
      cause: 'read tcp 127.0.0.1:50000->127.0.0.1:8080: read: connection reset by peer',
    });
    assert.equal(transportError(nodeError('ECONNRESET', 'write'), ends).message, 'write: connection reset by peer');
    assert.deepEqual(transportError(nodeError('EPIPE', 'write'), ends), {
      code: 1201,
      message: 'write: broken pipe',
      cause: 'write tcp 127.0.0.1:50000->127.0.0.1:8080: write: broken pipe',
    });
  });

  it('a name that does not resolve is 1101 "lookup: no such host"', () => {
    const e = transportError(nodeError('ENOTFOUND', 'getaddrinfo'), { host: 'nosuch.invalid' });
    assert.deepEqual(e, { code: 1101, message: 'lookup: no such host', cause: 'lookup nosuch.invalid: no such host' });
  });

  it('certificates: 1310 for an unknown authority, 1311 for another host, 1301 for an answer that is not TLS', () => {
    assert.equal(transportError(nodeError('DEPTH_ZERO_SELF_SIGNED_CERT'), ends).code, 1310);
    assert.equal(transportError(nodeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), ends).message, 'x509: unknown authority');
    assert.deepEqual(
      [transportError(nodeError('ERR_TLS_CERT_ALTNAME_INVALID'), ends)].map((e) => [e.code, e.message]),
      [[1311, "x509: certificate doesn't match hostname"]],
    );
    assert.deepEqual(
      [transportError(nodeError('ERR_SSL_WRONG_VERSION_NUMBER'), ends)].map((e) => [e.code, e.message]),
      [[1301, 'tls: first record does not look like a TLS handshake']],
    );
  });

  it('a dial failure k6 knows only by its errno is 1213, with the errno and its text', () => {
    assert.deepEqual(transportError(nodeError('EHOSTUNREACH', 'connect'), ends), {
      code: 1213,
      message: 'dial: unknown errno 113 error with msg `no route to host`',
      cause: 'dial tcp 127.0.0.1:8080: connect: no route to host',
    });
  });

  it('anything else is 1000 with the error as given', () => {
    assert.deepEqual(transportError(nodeError('EWHATEVER', 'read', 'something odd'), ends), {
      code: 1000,
      message: 'something odd',
      cause: 'something odd',
    });
  });
});
