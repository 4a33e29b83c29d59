import { z } from 'zod';

// Known deviations a team has accepted for a target: a listed failure does not fail the run but stays
// in every report, and an entry whose check now passes is reported as stale so the list shrinks
// as the tenant gets fixed.

export const ExpectedFailure = z.lazy(() =>
  z.object({
    checkId: z.string().min(1),
    /** `POST /oauth/token`; omitted = every endpoint the check runs on. */
    endpoint: z.string().min(1).optional(),
    /** Credential method; omitted = every method. */
    credential: z.string().min(1).optional(),
    reason: z.string().min(1, { message: 'say why this failure is expected (a ticket, a known tenant setting)' }),
  }),
);

export const ExpectedFailuresFile = z.lazy(() => z.object({ expectedFailures: z.array(ExpectedFailure) }));

export type ExpectedFailure = z.infer<typeof ExpectedFailure>;

export interface CheckResultRow {
  id: string;
  endpoint: string;
  credential: string | null;
  fails: number;
  passes: number;
}

type ExpectedFailureStatus = 'failed_as_expected' | 'stale' | 'not_run';

export interface ExpectedFailureOutcome extends ExpectedFailure {
  status: ExpectedFailureStatus;
}

function matchesRow(entry: ExpectedFailure, row: CheckResultRow): boolean {
  return (
    entry.checkId === row.id &&
    (entry.endpoint === undefined || entry.endpoint === row.endpoint) &&
    (entry.credential === undefined || entry.credential === (row.credential ?? 'none'))
  );
}

/** The entry that excuses a row's failures, if any. */
export function expectedFailureFor(
  entries: readonly ExpectedFailure[],
  row: CheckResultRow,
): ExpectedFailure | undefined {
  return entries.find((e) => matchesRow(e, row));
}

/** Each entry with what happened to it: still failing, stale (every matching row passed), or not run. */
export function expectedFailureOutcomes(
  entries: readonly ExpectedFailure[],
  rows: readonly CheckResultRow[],
): ExpectedFailureOutcome[] {
  return entries.map((entry) => {
    const matching = rows.filter((r) => matchesRow(entry, r));
    const status: ExpectedFailureStatus =
      matching.length === 0 ? 'not_run' : matching.some((r) => r.fails > 0) ? 'failed_as_expected' : 'stale';
    return { ...entry, status };
  });
}
