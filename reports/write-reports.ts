import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeAllureResults } from './allure-results.ts';
import { generateAllureHtml, type AllureHtmlOutcome } from './allure-html.ts';
import { buildSummary, type RunFacts } from './build-summary.ts';
import { junitXml } from './junit.ts';
import { readRawResults } from './raw-results.ts';
import type { RunSummary } from './run-summary.ts';

export interface WrittenReports {
  summary: RunSummary;
  allure: AllureHtmlOutcome;
}

/** Turns <out>/raw into summary.json, junit.xml, allure-results/ and allure-report/. */
export function writeReports(outDir: string, facts: RunFacts, environment: Record<string, string>): WrittenReports {
  const raw = readRawResults(path.join(outDir, 'raw'));
  const summary = buildSummary(facts, raw);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'junit.xml'), junitXml(summary));
  const resultsDir = path.join(outDir, 'allure-results');
  rmSync(resultsDir, { recursive: true, force: true });
  writeAllureResults(resultsDir, { summary, findings: raw.findings, environment });
  const allure = generateAllureHtml(resultsDir, path.join(outDir, 'allure-report'));
  return { summary, allure };
}
