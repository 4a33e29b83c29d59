import { HTTPParser } from 'http-parser-js';
import { ResponseHead, type Head } from './response-head.ts';

/** The parts of http-parser-js's parser (0.5.x) that the overrides below replace or read. */
interface ParserInternals {
  state: string;
  headerSize: number;
  maxHeaderSize: number;
  chunk: Buffer;
  offset: number;
  end: number;
  line: string;
  isUserCall: boolean;
  consumeLine(): string | undefined;
  parseHeader(line: string, headers: string[]): void;
  userCall(): (ret: unknown) => unknown;
  hadError: boolean;
  execute(chunk: Buffer, start?: number, length?: number): number | Error;
}

type ParserClass = new (type: string) => Omit<InstanceType<typeof HTTPParser>, keyof ParserInternals> & ParserInternals;
type Callbacks = Record<number, (...args: unknown[]) => unknown>;

const LF = 0x0a;
const CR = 13;
const SPACE = 32;
const TAB = 9;

// The package decodes lines with its own encoding setting (ASCII unless changed).
const ENCODING = HTTPParser.encoding as BufferEncoding;

const isBlank = (code: number) => code === SPACE || code === TAB;

/** The package's error for a malformed message: an Error with an HPE_* code. */
function parseError(code: string): Error {
  return Object.assign(new Error('Parse Error'), { code });
}

/**
 * http-parser-js's response parser, made cheap for a load generator's usual case. A whole plain
 * response in one read is taken in one pass, and its head is not taken apart at all when it repeats
 * the connection's last one (response-head.ts): the package's state machine costs some 1.9 µs a
 * response, this path 0.3 µs. Everything else runs the package's state machine, with its per-line
 * work done without throwaway objects: the package cuts each line out of the buffer and then copies
 * it again without its CR, splits a header with a regular expression whose match array is garbage at
 * once, and makes a closure for each callback it makes; here a line is cut once, a header splits at
 * its colon, and the callback wrapper is made once. test/engine/response-parser.spec.ts checks the
 * callbacks, results and errors of both paths against the package's own.
 */
export class ResponseParser extends (HTTPParser as unknown as ParserClass) {
  private readonly head = new ResponseHead();

  constructor() {
    super(HTTPParser.RESPONSE);
  }

  /**
   * A whole plain response in one read, the usual answer in a load test, is read in one pass, its head
   * recognised by its bytes when it repeats the connection's last one. Anything else (a response that
   * spans reads, chunked, without a length, 1xx, an odd byte anywhere in the head) goes through the
   * package's state machine.
   */
  override execute(chunk: Buffer, start = 0, length = chunk.length): number | Error {
    if (this.state === 'RESPONSE_LINE' && this.line === '') {
      const end = start + length;
      const head = this.head.read(chunk, start, end);
      // The rest of the read must be the body, exactly: not part of it, and nothing after it.
      if (head && end - start - head.length === head.contentLength) return this.wholeMessage(head, chunk, start, end);
    }
    return super.execute(chunk, start, length);
  }

  /**
   * The package's callbacks for one whole message, in its order. The body callback gets the read's
   * own buffer with the body's offset and length (the package passes a slice of it, offset 0): a
   * callback reads the bytes in that range, as the package's signature already asks.
   */
  private wholeMessage(head: Head, chunk: Buffer, start: number, end: number): number | Error {
    const callbacks = this as unknown as Callbacks;
    const bodyFrom = start + head.length;
    this.isUserCall = true;
    const skipBody = callbacks[HTTPParser.kOnHeadersComplete](head.info);
    this.isUserCall = false;
    if (skipBody === 2) {
      // The package stops reading there.
      this.endMessage();
      return this.counted(head.length);
    }
    if (skipBody || head.contentLength === 0) {
      this.endMessage();
      // Any bytes after a head whose body is skipped (or empty) the package reads as the next message.
      this.headerSize += head.length;
      const rest = super.execute(chunk, bodyFrom, end - bodyFrom);
      return rest instanceof Error ? rest : head.length + rest;
    }
    this.isUserCall = true;
    callbacks[HTTPParser.kOnBody](chunk, bodyFrom, end - bodyFrom);
    this.isUserCall = false;
    this.endMessage();
    return this.counted(end - start);
  }

  /**
   * The package's end of a message (nextRequest) without its new state: it makes a new parser state
   * for the next message (reinitialize), and this path leaves that state as it found it but for the
   * header count, the limit and the error flag, which are reset as reinitialize resets them.
   */
  private endMessage(): void {
    this.isUserCall = true;
    (this as unknown as Callbacks)[HTTPParser.kOnMessageComplete]();
    this.isUserCall = false;
    this.headerSize = 0;
    this.maxHeaderSize = HTTPParser.maxHeaderSize;
    this.hadError = false;
  }

  /** The package's header size limit, counted as it counts: the bytes of a read that ends between messages. */
  private counted(bytes: number): number | Error {
    this.headerSize += bytes;
    return this.headerSize > (this.maxHeaderSize || HTTPParser.maxHeaderSize)
      ? new Error('max header size exceeded')
      : bytes;
  }

  private readonly endUserCall = (ret: unknown): unknown => {
    this.isUserCall = false;
    return ret;
  };

  override userCall(): (ret: unknown) => unknown {
    this.isUserCall = true;
    return this.endUserCall;
  }

  override consumeLine(): string | undefined {
    const { chunk, end } = this;
    const start = this.offset;
    const lf = chunk.indexOf(LF, start);
    if (lf < 0 || lf >= end) {
      // The line goes on in the next chunk.
      this.line += chunk.toString(ENCODING, start, end);
      this.offset = end;
      return undefined;
    }
    this.offset = lf + 1;
    if (this.line) {
      let line = this.line + chunk.toString(ENCODING, start, lf);
      if (line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1);
      this.line = '';
      return line;
    }
    return chunk.toString(ENCODING, start, lf > start && chunk[lf - 1] === CR ? lf - 1 : lf);
  }

  // The package's rule, /^([^: \t]+):[ \t]*((?:.*[^ \t])|)/: a name without colons or blanks, a
  // colon, and the value without the blanks around it; else a folded continuation of the last value.
  override parseHeader(line: string, headers: string[]): void {
    if (line.indexOf('\r') !== -1) throw parseError('HPE_LF_EXPECTED');
    const colon = line.indexOf(':');
    let nameIsToken = colon > 0;
    for (let i = 0; nameIsToken && i < colon; i++) if (isBlank(line.charCodeAt(i))) nameIsToken = false;
    if (nameIsToken) {
      let from = colon + 1;
      let to = line.length;
      while (from < to && isBlank(line.charCodeAt(from))) from++;
      while (to > from && isBlank(line.charCodeAt(to - 1))) to--;
      headers.push(line.slice(0, colon), line.slice(from, to));
      return;
    }
    super.parseHeader(line, headers);
  }
}
