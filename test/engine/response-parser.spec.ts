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
  // The edges of the one-pass reading of a whole response (response-head.ts): what it takes and what
  // it leaves to the package must both come out as the package's.
  'HTTP/1.1 201 Created \t\r\ncontent-type: text/plain\r\nDate: Sat, 28 Nov 2026 05:40:00 GMT\r\nCONTENT-LENGTH: 005\r\n\r\nhello',
  'HTTP/1.1 200OK\r\nContent-Length:3\r\n\r\nabc',
  'HTTP/1.1 200  two spaces\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 503 Busy\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno',
  'HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok',
  'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok',
  'HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nok',
  'HTTP/1.1 200 OK\r\nConnection: clo\r\nConnection: se\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok',
  'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok',
  'HTTP/1.1 200 OK\r\nContent-Length: 0x2\r\n\r\nok',
  'HTTP/1.1 200 OK\r\nContent-Length: 1e0\r\n\r\no',
  'HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n',
  'HTTP/1.1 200 OK\r\nContent-Length: -1\r\nContent-Length: 2\r\n\r\nok',
  'HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\nok',
  'HTTP/1.1 200 OK\r\nContent-Length: two\r\n\r\nok',
  'HTTP/1.1 200 OK\r\nContent-Length: 1.5\r\n\r\nok',
  'HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\nok',
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nUpgrade: h2c\r\nConnection: Upgrade\r\nContent-Length: 2\r\n\r\nok',
  'HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 204 No Content\r\nContent-Length: 2\r\n\r\nok',
  'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nUpgrade: websocket\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nok',
  'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokextra',
  'HTTP/1.1 200 OK\r\nX-High: caf\u00e9\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 \u00c9t\u00e9\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nX-Tab:\tin\tside\t\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nX-Ctl: a\u0007b\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nX-Name{}: braces\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nBad Name: dropped\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nX-No-Length: so the body lasts until the connection closes\r\n\r\n',
  'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\rx',
  'HTTP/1.1 200 OK\r\nX-Lf: only\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\n',
  'HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n',
  'HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
  'HTTP/1.1 099 Odd\r\nContent-Length: 0\r\n\r\n',
  '\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.x 200 OK\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
];

// What onHeadersComplete may answer: nothing, skip the body (a HEAD request's answer), or 2 (stop).
const SKIP_ANSWERS = [undefined, true, 2];

/** What the test drives of either parser. */
interface Parser {
  execute(chunk: Buffer, start?: number, length?: number): number | Error;
  finish(): void | Error;
}

/** Feeds `text` cut at `cuts` and records every callback and return value. */
function trace(parser: Parser, text: string, cuts: number[], skip?: unknown): string[] {
  const events: string[] = [];
  const p = parser as unknown as Record<number, unknown>;
  p[HTTPParser.kOnHeadersComplete] = (info: unknown) => {
    events.push(`headers ${JSON.stringify(info)}`);
    return skip;
  };
  p[HTTPParser.kOnBody] = (chunk: Buffer, offset = 0, length = chunk.length - offset) =>
    void events.push(`body ${chunk.toString('latin1', offset, offset + length)}`);
  p[HTTPParser.kOnMessageComplete] = () => void events.push('complete');
  const bytes = Buffer.from(text, 'latin1');
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    // Stale bytes after the chunk's end, as in the engine's shared read buffer.
    const chunk = Buffer.concat([bytes.subarray(from, to), Buffer.from('\nSTALE: x\r\n')]);
    const result = parser.execute(chunk, 0, to - from);
    events.push(
      result instanceof Error
        ? `error ${(result as Error & { code?: string }).code ?? result.message}`
        : `read ${result}`,
    );
    if (result instanceof Error) return events;
    from = to;
  }
  const finished = parser.finish();
  events.push(finished instanceof Error ? `finish error ${finished.message}` : 'finished');
  return events;
}

/** Every response of the corpus, cut once every `step` bytes, traces alike in both parsers. */
function assertSameAsThePackage(step: number): void {
  for (const skip of SKIP_ANSWERS) {
    for (const text of RESPONSES) {
      for (let cut = 0; cut <= text.length; cut += step) {
        const cuts = cut === 0 ? [] : [cut];
        const label = `${JSON.stringify(text)} cut at ${cut}, onHeadersComplete answering ${skip}`;
        assert.deepEqual(
          trace(new ResponseParser(), text, cuts, skip),
          trace(new HTTPParser(HTTPParser.RESPONSE), text, cuts, skip),
          label,
        );
      }
    }
  }
}

describe('response parser', () => {
  it('gives what http-parser-js gives, for every response cut at every byte, whatever onHeadersComplete answers', () => {
    assertSameAsThePackage(1);
  });

  it('counts header bytes against the size limit as the package does', () => {
    // A small limit makes most responses of the corpus reach it. The package reads its static limit
    // again with each message, so that is the one to lower.
    const limit = HTTPParser.maxHeaderSize;
    HTTPParser.maxHeaderSize = 48;
    try {
      assertSameAsThePackage(7);
    } finally {
      HTTPParser.maxHeaderSize = limit;
    }
  });

  it("starts each message with the package's fresh state: header count, an instance's limit, the error flag", () => {
    const whole = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    // Header bytes are counted per message: a long-lived connection never reaches the limit.
    const many = (parser: Parser) => Array.from({ length: 3000 }, () => trace(parser, whole, [])).flat();
    assert.deepEqual(many(new ResponseParser()), many(new HTTPParser(HTTPParser.RESPONSE)));
    // A limit set on a parser lasts until its first message ends: the package then takes the global one.
    const limited = (parser: Parser) => {
      Object.assign(parser, { maxHeaderSize: 30 });
      return [whole, whole].flatMap((text) => trace(parser, text, []));
    };
    assert.deepEqual(limited(new ResponseParser()), limited(new HTTPParser(HTTPParser.RESPONSE)));
    // After an error, a whole message clears the error flag: a later body that runs until the
    // connection closes still completes when it does.
    const afterError = (parser: Parser) =>
      ['NOT HTTP\r\n', whole, 'HTTP/1.1 200 OK\r\n\r\nuntil close'].flatMap((text) => trace(parser, text, []));
    assert.deepEqual(afterError(new ResponseParser()), afterError(new HTTPParser(HTTPParser.RESPONSE)));
  });

  it('gives the same for a head of more fields than the one-pass reading takes', () => {
    const many = Array.from({ length: 300 }, (_, i) => `X-Field-${i}: ${i}\r\n`).join('');
    const text = `HTTP/1.1 200 OK\r\nContent-Length: 2\r\n${many}\r\nok`;
    for (const cuts of [[], [100], [text.length - 3]]) {
      assert.deepEqual(
        trace(new ResponseParser(), text, cuts),
        trace(new HTTPParser(HTTPParser.RESPONSE), text, cuts),
        `cut at ${cuts}`,
      );
    }
  });

  it('gives the same when one connection reads response after response, a whole one per read', () => {
    // Every ordered pair, each response read whole, then the pair again: the second reading of a head
    // is recognised by its bytes, and a head that differs in one byte (a new Date) must not be.
    const dated = (second: number) =>
      `HTTP/1.1 200 OK\r\nDate: Sat, 28 Nov 2026 05:40:0${second} GMT\r\nContent-Length: 2\r\n\r\nok`;
    const texts = [...RESPONSES, dated(1), dated(2)];
    for (const a of texts) {
      for (const b of texts) {
        const sequence = [a, b, a, b];
        const readAll = (parser: Parser) => sequence.flatMap((text) => trace(parser, text, []));
        assert.deepEqual(
          readAll(new ResponseParser()),
          readAll(new HTTPParser(HTTPParser.RESPONSE)),
          JSON.stringify(sequence),
        );
      }
    }
  });

  it('gives the same for every response cut into single bytes, and for several responses on one connection', () => {
    for (const text of RESPONSES) {
      const singles = Array.from({ length: text.length - 1 }, (_, i) => i + 1);
      assert.deepEqual(
        trace(new ResponseParser(), text, singles),
        trace(new HTTPParser(HTTPParser.RESPONSE), text, singles),
        JSON.stringify(text),
      );
    }
    const kept = RESPONSES.slice(0, 4).join('');
    assert.deepEqual(trace(new ResponseParser(), kept, []), trace(new HTTPParser(HTTPParser.RESPONSE), kept, []));
  });

  it('splits headers as the package does', () => {
    const events = trace(new ResponseParser(), RESPONSES[1], []);
    const info = JSON.parse(events[0].slice('headers '.length));
    assert.deepEqual(info.headers, [
      'X-Spaces',
      'padded value',
      'X-Empty',
      '',
      'X-Blank',
      '',
      'X-Colon',
      'a:b: c',
      'Content-Length',
      '0',
    ]);
  });
});
