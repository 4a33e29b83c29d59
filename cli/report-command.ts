import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KnownSecret } from '../reports/known-secrets.ts';
import { knownSecrets } from '../reports/known-secrets.ts';
import { readRunFacts } from '../reports/raw-results.ts';
import { terminalReport } from '../reports/terminal-table.ts';
import { writeReports } from '../reports/write-reports.ts';
import { readHarnessConfigFile } from './harness-config-file.ts';
import { UsageError } from './usage-error.ts';

/**
 * `auth0-harness report [--out dir] [--config file]`: rebuilds summary.json, JUnit, the latency page
 * and the Allure report from <out>/raw, e.g. after changing a report's code, or on another machine
 * that got the raw folder. `--config` names the harness configuration the run used, so its secrets
 * are scrubbed by value too (token and key shapes are scrubbed in any case).
 */
export async function reportCommand(o: { out: string; config?: string }): Promise<number> {
  const outDir = path.resolve(o.out);
  const rawDir = path.join(outDir, 'raw');
  if (!existsSync(rawDir)) throw new UsageError(`--out: ${o.out} has no raw/ folder; give the output folder of an \`auth0-harness run\`.`);
  const facts = readRunFacts(rawDir);
  if (!facts) throw new UsageError(`--out: ${path.join(o.out, 'raw')} has no run.json (it was written by an older harness); run the suite again.`);
  const secrets: KnownSecret[] = o.config ? knownSecrets(readHarnessConfigFile(o.config)) : [];
  const { summary, allure, timeline } = await writeReports(outDir, facts, secrets);
  process.stdout.write(terminalReport(summary, timeline));
  process.stdout.write(allure.generated ? `report: ${path.join(o.out, 'allure-report', 'index.html')}\n` : `report: ${allure.reason}\n`);
  return summary.ok ? 0 : 1;
}
