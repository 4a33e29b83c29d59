export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** A log record's fields beside its message, as k6 adds them (`source`, `error`, `scenario`…). */
export type LogFields = Readonly<Record<string, string | number>>;
export type Logger = (level: LogLevel, message: string, fields?: LogFields) => void;

// k6 logs through logrus, which names its levels so: a warning is "warning".
const LEVEL_NAMES: Record<LogLevel, string> = { debug: 'debug', info: 'info', warn: 'warning', error: 'error' };

// logrus's text format quotes a value only when it holds more than these characters.
const BARE_VALUE = /^[A-Za-z0-9\-._/@^+]+$/;
const textValue = (value: string | number): string => {
  const text = String(value);
  return BARE_VALUE.test(text) ? text : JSON.stringify(text);
};

/**
 * k6's log lines on stderr, as logrus writes them. With `--log-format json` each line is one JSON
 * object of the level, msg, time and the record's fields, keys sorted (`{"error":…,"level":…,"msg":…,
 * "time":…}`; the harness parses these); otherwise logfmt: time, level, msg, then the fields sorted.
 * Engine messages carry no `source`, console output carries `source: "console"`, as in k6.
 */
export function createLogger(
  format: 'text' | 'json',
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  return (level, message, fields) => {
    const time = new Date().toISOString();
    const names = fields ? Object.keys(fields).sort() : [];
    if (format === 'json') {
      const record: Record<string, string | number> = { level: LEVEL_NAMES[level], msg: message, time };
      for (const name of names) record[name] = (fields as LogFields)[name];
      const sorted = Object.fromEntries(
        Object.keys(record)
          .sort()
          .map((key) => [key, record[key]]),
      );
      write(`${JSON.stringify(sorted)}\n`);
    } else {
      const extra = names.map((name) => ` ${name}=${textValue((fields as LogFields)[name])}`).join('');
      write(`time=${textValue(time)} level=${LEVEL_NAMES[level]} msg=${textValue(message)}${extra}\n`);
    }
  };
}
