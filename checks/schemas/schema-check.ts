import type { z } from 'zod';
import { defineCheck, fail, pass, type Check, type Severity } from '../check.ts';
import { jsonBody, type Exchange } from '../exchange.ts';
import { describeIssues } from './describe-issues.ts';

/** A check that the response body is JSON matching a zod schema. */
export function schemaCheck(spec: {
  id: string;
  ref: string;
  title: string;
  schema: z.ZodType;
  severity?: Severity;
}): Check<Exchange> {
  return defineCheck({
    id: spec.id,
    ref: spec.ref,
    title: spec.title,
    severity: spec.severity ?? 'failure',
    run({ response }) {
      const body = jsonBody(response);
      if (body === undefined) return fail(`expected a JSON body, got ${JSON.stringify(response.body.slice(0, 80))}`);
      const parsed = spec.schema.safeParse(body);
      return parsed.success ? pass() : fail(describeIssues(parsed.error));
    },
  });
}
