import { ExpectedFailuresFile, type ExpectedFailure } from '../lib/k6-and-node/expected-failures.ts';
import { readJsonFile } from './read-json-file.ts';
import { schemaProblems } from './schema-problems.ts';
import { UsageError } from './usage-error.ts';

const SHAPE =
  '{"expectedFailures": [{"checkId": "…", "endpoint": "POST /oauth/token", "credential": "client_secret_post", "reason": "…"}]}';

/** Reads `--expected-failures <file>`, reporting every problem at once, by entry and field. */
export function readExpectedFailuresFile(file: string): ExpectedFailure[] {
  const json = readJsonFile(file, { flag: '--expected-failures', what: 'an expected-failures JSON file' });
  const problems = schemaProblems(ExpectedFailuresFile, json);
  if (problems.length > 0)
    throw new UsageError(
      `--expected-failures: ${file} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n  (the file's shape: ${SHAPE})`,
    );
  return ExpectedFailuresFile.parse(json).expectedFailures;
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
