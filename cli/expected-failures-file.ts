import { existsSync, readFileSync } from 'node:fs';
import { ExpectedFailuresFile, type ExpectedFailure } from '../lib/expected-failures.ts';
import { UsageError } from './usage-error.ts';

/** Reads `--expected-failures <file>`, reporting every problem at once, by entry and field. */
export function readExpectedFailuresFile(file: string): ExpectedFailure[] {
  if (!existsSync(file))
    throw new UsageError(
      `--expected-failures: ${file} does not exist; give the path of an expected-failures JSON file.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--expected-failures: ${file} is not valid JSON (${(error as Error).message}).`);
  }
  const parsed = ExpectedFailuresFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n');
    throw new UsageError(
      `--expected-failures: ${file} has problems:\n${problems}\n  (expected {"expectedFailures": [{"checkId": "…", "endpoint": "POST /oauth/token", "credential": "client_secret_post", "reason": "…"}]})`,
    );
  }
  return parsed.data.expectedFailures;
}

/** The lines the terminal shows about expected failures: which still fail, which are stale. */
export function expectedFailuresReport(
  outcomes: { checkId: string; endpoint?: string; credential?: string; reason: string; status: string }[],
): string {
  const where = (o: { endpoint?: string; credential?: string }) =>
    `${o.endpoint ?? 'any endpoint'} [${o.credential ?? 'any credential'}]`;
  return outcomes
    .map((o) =>
      o.status === 'failed_as_expected'
        ? `  ~ expected failure: ${o.checkId}  ${where(o)}: ${o.reason}\n`
        : o.status === 'stale'
          ? `  ! stale expected failure (it passes now; remove it): ${o.checkId}  ${where(o)}\n`
          : `  ? expected failure not run: ${o.checkId}  ${where(o)}\n`,
    )
    .join('');
}
