import { createReadStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { FINDING_PREFIX } from '../lib/k6-and-node/result-protocol.ts';
import { RAW_FINDINGS_FILE } from './raw-results.ts';

// The findings a bundle logs (lib/record-checks.ts: one console line, FINDING_PREFIX + JSON, per
// first failure) as they reach a k6 log. With `--log-format json` each line is a JSON object whose
// `msg` holds the console text; `kubectl logs --timestamps` puts a timestamp before it, `--prefix`
// the pod's name. k6's default text format writes logrus's `time=… level=info msg="…"`, the message
// quoted as a Go string. Anything else in a log (k6's banner, its summary line, progress) is skipped.

export interface K6LogEntry {
  level?: string;
  msg: string;
}

function jsonEntry(line: string): K6LogEntry | undefined {
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  try {
    const entry = JSON.parse(line.slice(start)) as { level?: unknown; msg?: unknown };
    if (typeof entry?.msg !== 'string') return undefined;
    return { msg: entry.msg, ...(typeof entry.level === 'string' ? { level: entry.level } : {}) };
  } catch {
    return undefined;
  }
}

const GO_ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{3})|(.))/g;
const NAMED: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** A Go string literal's body (strconv.Quote, as logrus quotes a field) back to its text. */
function unquoteGo(body: string): string {
  return body.replace(GO_ESCAPE, (_, hex, u4, u8, octal, char: string) => {
    const code = hex ?? u4 ?? u8;
    if (code) return String.fromCodePoint(parseInt(code, 16));
    if (octal) return String.fromCodePoint(parseInt(octal, 8));
    return NAMED[char] ?? char;
  });
}

function textField(line: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|(\\S*))`).exec(line);
  if (!m) return undefined;
  return m[1] !== undefined ? unquoteGo(m[1]) : m[2];
}

/** One line of a k6 log, JSON or k6's text format; undefined for a line that is neither. */
function parseK6LogLine(line: string): K6LogEntry | undefined {
  const json = jsonEntry(line);
  if (json) return json;
  const msg = textField(line, 'msg');
  if (msg === undefined) return undefined;
  const level = textField(line, 'level');
  return { msg, ...(level ? { level } : {}) };
}

/** The finding (its JSON text) a log entry carries, when it carries one. */
export function findingOf(entry: K6LogEntry | undefined): string | undefined {
  return entry?.msg.startsWith(FINDING_PREFIX) ? entry.msg.slice(FINDING_PREFIX.length) : undefined;
}

/** Every finding in a k6 log file, in order. */
export async function findingsInK6Log(file: string): Promise<string[]> {
  const findings: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const finding = findingOf(parseK6LogLine(line));
    if (finding) findings.push(finding);
  }
  return findings;
}

/** Writes raw/findings.ndjson from k6 logs (replacing it); returns how many findings it holds. */
export async function writeFindingsFromK6Logs(rawDir: string, logs: readonly string[]): Promise<number> {
  const findings = (await Promise.all(logs.map(findingsInK6Log))).flat();
  writeFileSync(path.join(rawDir, RAW_FINDINGS_FILE), findings.map((f) => `${f}\n`).join(''));
  return findings.length;
}
