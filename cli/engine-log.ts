import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { redactText } from '../lib/k6-and-node/redact.ts';
import { findingOf } from '../reports/k6-log-findings.ts';
import { scrubKnownSecrets, type KnownSecret } from '../reports/known-secrets.ts';
import { abortOnFailMessage } from './engine-outcome.ts';

// The engine's (or k6's) JSON log, read line by line while it runs: findings go to the raw folder,
// everything else to stderr, redacted. A line's fields beyond level, msg and time (k6's `error` on
// "Request Failed", `source` and `scenario` on a script error) are shown as k6's text log shows them.

/** The same message is shown this many times; the rest are counted and summed up at the end. */
const SHOWN_PER_MESSAGE = 3;

export interface EngineLog {
  done: Promise<void>;
  /** The abortOnFail message, when the engine logged one. */
  abortedByThreshold?: string;
  /** Findings (a check's first failure in a cell) received so far. */
  findings: number;
}

interface LogEntry {
  level?: string;
  msg?: string;
  time?: string;
  [field: string]: unknown;
}

function parse(line: string): LogEntry | undefined {
  try {
    const entry = JSON.parse(line) as unknown;
    return entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as LogEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** `key=value` as k6's text format writes a field: quoted only when it holds a space or a quote. */
function field(key: string, value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `${key}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`;
}

function render(entry: LogEntry | undefined, line: string): string {
  if (entry?.msg === undefined) return line;
  const { level, msg, time: _time, ...fields } = entry;
  const extra = Object.entries(fields).map(([k, v]) => field(k, v));
  return [`${level ?? 'info'}: ${msg}`, ...extra].join(' ');
}

/** What a repeated message has in common: its text without URLs and numbers (ports, counts, ids). */
const repeatKey = (text: string) => text.replace(/\b(?:https?:\/\/|dial tcp )\S+/g, '…').replace(/\d+/g, '#');

export function consumeEngineLog(
  stream: NodeJS.ReadableStream,
  findingsFile: string,
  secrets: readonly KnownSecret[],
  write: (text: string) => void = (text) => process.stderr.write(text),
  /** What its lines are marked with: `engine`, or a runner of a split run (`runner 2/3`). */
  label = 'engine',
): EngineLog {
  const log: EngineLog = { done: Promise.resolve(), findings: 0 };
  const seen = new Map<string, number>();
  let leftOut = 0;
  const lines = createInterface({ input: stream });
  lines.on('line', (line) => {
    const entry = parse(line);
    const finding = findingOf(typeof entry?.msg === 'string' ? { msg: entry.msg } : undefined);
    if (finding !== undefined) {
      appendFileSync(findingsFile, `${finding}\n`);
      log.findings++;
      return;
    }
    const text = redactText(scrubKnownSecrets(render(entry, line), secrets));
    log.abortedByThreshold ??= abortOnFailMessage(redactText(scrubKnownSecrets(entry?.msg ?? line, secrets)));
    const key = repeatKey(text);
    const times = (seen.get(key) ?? 0) + 1;
    seen.set(key, times);
    if (times > SHOWN_PER_MESSAGE) {
      leftOut++;
      return;
    }
    write(`  ${label} ${text}\n`);
  });
  log.done = new Promise((resolve) =>
    lines.on('close', () => {
      if (leftOut > 0)
        write(
          `  ${label}: ${leftOut} more log lines like those above were left out (each kind is shown ${SHOWN_PER_MESSAGE} times)\n`,
        );
      resolve();
    }),
  );
  return log;
}
