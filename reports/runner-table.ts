import { plainTable, renderTable } from './plain-table.ts';
import type { RunSummary } from './run-summary.ts';

// The runners of a merged run in the terminal: which share each ran, how much it sent, when it
// started against the first, and whether it completed, so a straggler or a failed pod stands out.

export function runnerTable(summary: RunSummary): string | undefined {
  if (!summary.runners?.length) return undefined;
  const start = Date.parse(summary.startedAt);
  const t = plainTable(
    ['runner', 'segment', 'reqs', 'start s', 'length s', 'completed'],
    ['left', 'left', 'right', 'right', 'right', 'left'],
  );
  for (const r of summary.runners)
    t.push([
      r.raw,
      r.segment ?? '?',
      r.requests ?? '-',
      `+${((Date.parse(r.startedAt) - start) / 1000).toFixed(1)}`,
      (r.durationMs / 1000).toFixed(1),
      r.incomplete ? `no: ${r.incomplete}` : 'yes',
    ]);
  return renderTable(t);
}
