import type { z } from 'zod';

/** Turns zod's issues into one failure message that names each field and what was wrong with it. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}
