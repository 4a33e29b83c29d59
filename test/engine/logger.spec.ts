import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../engine/logger.ts';

function capture(format: 'text' | 'json') {
  const lines: string[] = [];
  return { lines, log: createLogger(format, (line) => lines.push(line)) };
}

describe('the log, as k6 writes it through logrus', () => {
  it('writes a JSON record per line: level, msg, time and the fields, keys sorted, a warning named "warning"', () => {
    const { lines, log } = capture('json');
    log('warn', 'Request Failed', {
      error: 'Get "http://127.0.0.1:1/": dial tcp 127.0.0.1:1: connect: connection refused',
    });
    assert.equal(lines.length, 1);
    assert.ok(lines[0].endsWith('\n'));
    const record = JSON.parse(lines[0]);
    assert.deepEqual(Object.keys(record), ['error', 'level', 'msg', 'time']);
    assert.equal(record.level, 'warning');
    assert.equal(record.msg, 'Request Failed');
    assert.equal(record.error, 'Get "http://127.0.0.1:1/": dial tcp 127.0.0.1:1: connect: connection refused');
    assert.ok(!Number.isNaN(Date.parse(record.time)));
  });

  it('writes logfmt in text: time, level, msg, then the fields sorted, a value quoted only when it must be', () => {
    const { lines, log } = capture('text');
    log('warn', 'Request Failed', { source: 'console', error: 'dial: connection refused' });
    log('info', 'plain');
    assert.match(
      lines[0],
      /^time="[^"]+" level=warning msg="Request Failed" error="dial: connection refused" source=console\n$/,
    );
    assert.match(lines[1], /^time="[^"]+" level=info msg=plain\n$/);
  });
});
