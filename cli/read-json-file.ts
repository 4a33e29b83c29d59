import { readFileSync } from 'node:fs';
import { parse as parseTolerantly, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { UsageError } from './usage-error.ts';

// Every JSON file a user hands the CLI (--config, --expected-failures, --baseline, a tenant fixture)
// is read here, so each failure reads the same way: the flag, the file, what is wrong, the fix. A
// UTF-8 byte order mark is skipped (RFC 8259 §8.1 lets a parser ignore one; Windows editors write it).
// A syntax error is located by line and column, never quoted: the file may hold secrets.

/** What a file is for, in the words of its error sentences. */
export interface JsonFileRole {
  /** The flag (or variable) that named the file, e.g. `--config`. */
  flag: string;
  /** What the file should hold, e.g. `a harness configuration JSON file`. */
  what: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16_BOMS = [
  [0xfe, 0xff],
  [0xff, 0xfe],
];

// jsonc-parser's error names (its codes are a const enum, not importable as values).
const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing } is expected',
  CloseBracketExpected: 'a closing ] is expected',
  EndOfFileExpected: 'the JSON should end here',
  InvalidCommentToken: 'a comment (JSON has none)',
  UnexpectedEndOfComment: 'a comment (JSON has none)',
  UnexpectedEndOfString: 'a string that is not closed',
  UnexpectedEndOfNumber: 'a number that ends too early',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape in a string',
  InvalidCharacter: 'a raw control character (tab, line break) inside a string; write it as \\t or \\n',
};

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** Where and what the first syntax error is: the later ones mostly follow from it. */
function syntaxError(text: string): string | undefined {
  const errors: ParseError[] = [];
  parseTolerantly(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  const previous = text.slice(0, first.offset).trimEnd().at(-1);
  const next = text[first.offset];
  const what =
    previous === ',' && (next === '}' || next === ']')
      ? `a trailing comma before ${next} (JSON allows none)`
      : (SYNTAX[printParseErrorCode(first.error)] ?? 'a syntax error');
  return `${what} at ${lineAndColumn(text, first.offset)}`;
}

function fileSystemProblem(error: NodeJS.ErrnoException, file: string, role: JsonFileRole): string {
  switch (error.code) {
    case 'ENOENT':
      return `${role.flag}: ${file} does not exist; give the path of ${role.what}.`;
    case 'EISDIR':
      return `${role.flag}: ${file} is a folder; give the path of ${role.what}.`;
    case 'EACCES':
    case 'EPERM':
      return `${role.flag}: ${file} cannot be read (permission denied); make it readable for this user or give another file.`;
    default:
      return `${role.flag}: ${file} cannot be read (${error.code ?? error.message}); give the path of ${role.what}.`;
  }
}

/** The text of a file the user named, or a UsageError saying why it cannot be had. */
export function readTextFile(file: string, role: JsonFileRole): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(fileSystemProblem(error as NodeJS.ErrnoException, file, role));
  }
  if (UTF16_BOMS.some((bom) => bom.every((b, i) => bytes[i] === b)))
    throw new UsageError(`${role.flag}: ${file} is UTF-16 text; save it as UTF-8.`);
  const start = UTF8_BOM.every((b, i) => bytes[i] === b) ? UTF8_BOM.length : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    throw new UsageError(`${role.flag}: ${file} is not UTF-8 text; save it as UTF-8.`);
  }
}

/** The parsed content of a JSON file the user named, or a UsageError saying what is wrong and where. */
export function readJsonFile(file: string, role: JsonFileRole): unknown {
  const text = readTextFile(file, role);
  if (text.trim() === '') throw new UsageError(`${role.flag}: ${file} is empty; it should hold ${role.what}.`);
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's own message quotes the text around the error, which may be a secret: never shown as is.
    const where = syntaxError(text) ?? (error as Error).message.replace(/, ".*" is not valid JSON$/s, '');
    throw new UsageError(`${role.flag}: ${file} is not valid JSON: ${where}; correct it there.`);
  }
}
