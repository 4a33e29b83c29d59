import { spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ALLURE_ANALYTICS_OPT_OUT, removeThirdPartyContent } from './allure-report-privacy.ts';

export type AllureHtmlOutcome = { generated: true } | { generated: false; reason: string };

/** Whether allure's launcher will find a Java: JAVA_HOME's, or one on PATH (found without starting a JVM). */
function javaAvailable(): boolean {
  const candidates = [
    ...(process.env.JAVA_HOME ? [path.join(process.env.JAVA_HOME, 'bin', 'java')] : []),
    ...(process.env.PATH ?? '')
      .split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, 'java')),
  ];
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

// allure generate is a short-lived JVM whose time goes to starting up and compiling code it runs once:
// C1 only, one compiler thread and the serial collector halve its CPU time (6.5 s to 3.5 s for a
// conformance report, measured here). A user's own ALLURE_OPTS come after these and win.
const SHORT_LIVED_JVM = '-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xshare:auto';

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
  // The HTML costs a JVM start per run; CI that renders allure-results itself (and the test suite,
  // outside the tests of the HTML) asks for the results alone.
  if (process.env.HARNESS_ALLURE_HTML === 'off')
    return {
      generated: false,
      reason: `the HTML report was not generated (HARNESS_ALLURE_HTML=off). The results are in ${resultsDir}; run \`npx allure generate ${resultsDir} -o ${reportDir}\` for it.`,
    };
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
    env: {
      ...process.env,
      ...ALLURE_ANALYTICS_OPT_OUT,
      ALLURE_OPTS: [SHORT_LIVED_JVM, process.env.ALLURE_OPTS].filter(Boolean).join(' '),
    },
  });
  if (run.status !== 0)
    return { generated: false, reason: `allure generate failed: ${(run.stderr || run.stdout).trim().slice(0, 500)}` };
  removeThirdPartyContent(reportDir);
  return { generated: true };
}
