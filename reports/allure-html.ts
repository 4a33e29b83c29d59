import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ALLURE_ANALYTICS_OPT_OUT, removeThirdPartyContent } from './allure-report-privacy.ts';

export type AllureHtmlOutcome = { generated: true } | { generated: false; reason: string };

function javaAvailable(): boolean {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * The number of the next run in the report's history: one more than the runs its trend already
 * holds. Allure labels the trend charts with it.
 */
export function nextBuildOrder(reportDir: string): number {
  try {
    const trend = JSON.parse(readFileSync(path.join(reportDir, 'history', 'history-trend.json'), 'utf8')) as {
      buildOrder?: number;
    }[];
    return Math.max(trend.length, ...trend.map((t) => t.buildOrder ?? 0)) + 1;
  } catch {
    return 1;
  }
}

/**
 * Generates the HTML report with allure-commandline, carrying the previous report's history/ into
 * the results first so trends show across runs. Without Java the results stay and the outcome says
 * how to get the HTML.
 */
export function generateAllureHtml(resultsDir: string, reportDir: string): AllureHtmlOutcome {
  if (!javaAvailable()) {
    return {
      generated: false,
      reason: `Java was not found, so the HTML report was not generated. The results are in ${resultsDir}; install Java 8+ and run \`npx allure generate ${resultsDir} -o ${reportDir}\`.`,
    };
  }
  const previousHistory = path.join(reportDir, 'history');
  if (existsSync(previousHistory)) {
    const target = path.join(resultsDir, 'history');
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    cpSync(previousHistory, target, { recursive: true });
  }
  const allureBin = path.join(
    path.dirname(createRequire(import.meta.url).resolve('allure-commandline/package.json')),
    'dist',
    'bin',
    'allure',
  );
  const run = spawnSync(allureBin, ['generate', resultsDir, '-o', reportDir, '--clean'], {
    encoding: 'utf8',
    env: { ...process.env, ...ALLURE_ANALYTICS_OPT_OUT },
  });
  if (run.status !== 0)
    return { generated: false, reason: `allure generate failed: ${(run.stderr || run.stdout).trim().slice(0, 500)}` };
  removeThirdPartyContent(reportDir);
  return { generated: true };
}
