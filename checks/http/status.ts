import { defineCheck, expectThat, type Check } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { noResponseFailure } from './response-received.ts';

const STATUS_ID = /\.status\.is_(\d{3}(?:_or_\d{3})*)$/;

/**
 * The response status is one of those the id names: `par.status.is_201`, `….status.is_400_or_401`.
 * The id is the whole definition, written out where the check is declared, so it cannot drift from
 * the statuses it accepts.
 */
export function statusCheck(id: string, ref: string): Check<Exchange> {
  const named = STATUS_ID.exec(id);
  if (!named) throw new Error(`A status check's id ends in .status.is_<status>[_or_<status>…]; ${id} does not.`);
  const codes = named[1].split('_or_').map(Number);
  const wanted = `status ${codes.join(' or ')}`;
  return defineCheck({
    id,
    ref,
    severity: 'failure',
    title: `The response status is ${codes.join(' or ')}.`,
    judgesNoResponse: true,
    run: ({ response }) =>
      noResponseFailure(response, wanted) ??
      expectThat(codes.includes(response.status), () => `expected ${wanted}, got ${response.status}`),
  });
}
