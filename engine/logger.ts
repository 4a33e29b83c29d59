export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, message: string, source?: 'console') => void;

/**
 * k6's log lines on stderr. With `--log-format json` each line is one JSON object
 * `{"level","msg","source","time"}` (the harness parses these); otherwise logfmt as k6 prints it.
 * Engine messages carry no `source`, console output carries `source: "console"`, as in k6.
 */
export function createLogger(
  format: 'text' | 'json',
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  return (level, message, source) => {
    const time = new Date().toISOString();
    if (format === 'json') {
      write(`${JSON.stringify(source ? { level, msg: message, source, time } : { level, msg: message, time })}\n`);
    } else {
      write(`time="${time}" level=${level} msg=${JSON.stringify(message)}${source ? ` source=${source}` : ''}\n`);
    }
  };
}
