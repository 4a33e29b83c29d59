import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HTTPParser } from 'http-parser-js';
import { ResponseParser } from '../../engine/wire/response-parser.ts';

// Responses whose lines exercise every branch of the overridden line and header parsing.
const RESPONSES = [
  'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}',
  'HTTP/1.1 200 OK\r\nX-Spaces:   padded value \t \r\nX-Empty:\r\nX-Blank:  \t \r\nX-Colon: a:b: c\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nX-Folded: first\r\n   second part  \r\n\tthird\r\nContent-Length: 2\r\n\r\nhi',
  'HTTP/1.1 200 OK\r\nBad Name: dropped\r\n: no name\r\nX-Ok: kept\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 404 Not Found\nContent-Length: 3\nConnection: close\n\nabc',
  'HTTP/1.1 204 No Content\r\nX-Trailing-CR-Free: yes\r\n\r\n',
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n',
  'HTTP/1.0 200 OK\r\nX-Odd:\tx\u0001y\r\n\r\nuntil close',
  'HTTP/1.1 200 OK\r\nX-Broken: a\rb\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200\r\nContent-Length: 1\r\n\r\nx',
];

/** What the test drives of either parser. */
interface Parser {
  execute(chunk: Buffer, start?: number, length?: number): number | Error;
  finish(): void | Error;
}

/** Feeds `text` cut at `cuts` and records every callback and return value. */
function trace(parser: Parser, text: string, cuts: number[]): string[] {
  const events: string[] = [];
  const p = parser as unknown as Record<number, unknown>;
  p[HTTPParser.kOnHeadersComplete] = (info: unknown) => void events.push(`headers ${JSON.stringify(info)}`);
  p[HTTPParser.kOnBody] = (chunk: Buffer, offset = 0, length = chunk.length - offset) => void events.push(`body ${chunk.toString('latin1', offset, offset + length)}`);
  p[HTTPParser.kOnMessageComplete] = () => void events.push('complete');
  const bytes = Buffer.from(text, 'latin1');
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    // Stale bytes after the chunk's end, as in the engine's shared read buffer.
    const chunk = Buffer.concat([bytes.subarray(from, to), Buffer.from('\nSTALE: x\r\n')]);
    const result = parser.execute(chunk, 0, to - from);
    events.push(result instanceof Error ? `error ${(result as Error & { code?: string }).code ?? result.message}` : `read ${result}`);
    if (result instanceof Error) return events;
    from = to;
  }
  const finished = parser.finish();
  events.push(finished instanceof Error ? `finish error ${finished.message}` : 'finished');
  return events;
}

describe('response parser', () => {
  it('gives what http-parser-js gives, for every response cut at every byte', () => {
    for (const text of RESPONSES) {
      for (let cut = 0; cut <= text.length; cut++) {
        const cuts = cut === 0 ? [] : [cut];
        assert.deepEqual(trace(new ResponseParser(), text, cuts), trace(new HTTPParser(HTTPParser.RESPONSE), text, cuts), `${JSON.stringify(text)} cut at ${cut}`);
      }
    }
  });

  it('gives the same for every response cut into single bytes, and for several responses on one connection', () => {
    for (const text of RESPONSES) {
      const singles = Array.from({ length: text.length - 1 }, (_, i) => i + 1);
      assert.deepEqual(trace(new ResponseParser(), text, singles), trace(new HTTPParser(HTTPParser.RESPONSE), text, singles), JSON.stringify(text));
    }
    const kept = RESPONSES.slice(0, 4).join('');
    assert.deepEqual(trace(new ResponseParser(), kept, []), trace(new HTTPParser(HTTPParser.RESPONSE), kept, []));
  });

  it('splits headers as the package does', () => {
    const events = trace(new ResponseParser(), RESPONSES[1], []);
    const info = JSON.parse(events[0].slice('headers '.length));
    assert.deepEqual(info.headers, ['X-Spaces', 'padded value', 'X-Empty', '', 'X-Blank', '', 'X-Colon', 'a:b: c', 'Content-Length', '0']);
  });
});
