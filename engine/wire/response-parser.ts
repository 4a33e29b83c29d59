import { HTTPParser } from 'http-parser-js';

/** The parts of http-parser-js's parser (0.5.x) that the overrides below replace or read. */
interface ParserInternals {
  chunk: Buffer;
  offset: number;
  end: number;
  line: string;
  isUserCall: boolean;
  consumeLine(): string | undefined;
  parseHeader(line: string, headers: string[]): void;
  userCall(): (ret: unknown) => unknown;
}

type ParserClass = new (type: string) => Omit<InstanceType<typeof HTTPParser>, keyof ParserInternals> & ParserInternals;

const LF = 0x0a;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const COLON = 58;

// The package decodes lines with its own encoding setting (ASCII unless changed).
const ENCODING = HTTPParser.encoding as BufferEncoding;

const isBlank = (code: number) => code === SPACE || code === TAB;

/** The package's error for a malformed message: an Error with an HPE_* code. */
function parseError(code: string): Error {
  return Object.assign(new Error('Parse Error'), { code });
}

/**
 * http-parser-js's response parser with its per-line work done without throwaway objects. The package
 * cuts each line out of the buffer and then copies it again without its CR, splits a header with a
 * regular expression whose match array is garbage at once, and makes a closure for each callback it
 * makes. About ten lines a response, on every request: here a line is cut once, a header splits at its
 * colon, and the callback wrapper is made once. Same results for every line, checked against the
 * package's own methods in test/engine/response-parser.test.ts.
 */
export class ResponseParser extends (HTTPParser as unknown as ParserClass) {
  constructor() {
    super(HTTPParser.RESPONSE);
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
