import { inspect } from 'node:util';
import type { LogFields, Logger } from './logger.ts';

// k6 prints objects passed to console.log as JSON, and everything else as its string form.
function format(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === 'string') return a;
      if (a instanceof Error) return a.message;
      if (typeof a === 'object' && a !== null) {
        try {
          return JSON.stringify(a);
        } catch {
          return inspect(a);
        }
      }
      return String(a);
    })
    .join(' ');
}

const CONSOLE: LogFields = { source: 'console' };

/** The console scripts see: every line goes to the run's log, tagged `source: console`. */
export function vuConsole(log: Logger): Console {
  return {
    ...console,
    log: (...a: unknown[]) => log('info', format(a), CONSOLE),
    info: (...a: unknown[]) => log('info', format(a), CONSOLE),
    warn: (...a: unknown[]) => log('warn', format(a), CONSOLE),
    error: (...a: unknown[]) => log('error', format(a), CONSOLE),
    debug: (...a: unknown[]) => log('debug', format(a), CONSOLE),
  } as Console;
}
