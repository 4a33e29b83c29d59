import { defineCheck, expectThat, type Check } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { noResponseFailure } from './response-received.ts';

/** The response status is one of the expected ones. Ids read `<subject>.status.is_<codes>`. */
export function statusCheck(subject: string, expected: number | number[], ref: string): Check<Exchange> {
  const codes = Array.isArray(expected) ? expected : [expected];
  const wanted = `status ${codes.join(' or ')}`;
  return defineCheck({
    id: `${subject}.status.is_${codes.join('_or_')}`,
    ref,
    severity: 'failure',
    title: `The response status is ${codes.join(' or ')}.`,
    judgesNoResponse: true,
    run: ({ response }) =>
      noResponseFailure(response, wanted) ??
      expectThat(codes.includes(response.status), () => `expected ${wanted}, got ${response.status}`),
  });
}
