/**
 * A problem with what the user asked for (a flag, a file, a target): printed as one sentence naming the
 * field and the fix, exit status 2, no stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_USAGE = 2;
