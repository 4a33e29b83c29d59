import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { generateAllureHtml } from '../../reports/allure-html.ts';

describe('the Allure HTML report', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'allure-html-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is left for later, with the command that makes it, when no Java is to be found', () => {
    const saved = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME, html: process.env.HARNESS_ALLURE_HTML };
    process.env.PATH = dir;
    delete process.env.JAVA_HOME;
    delete process.env.HARNESS_ALLURE_HTML;
    try {
      const results = path.join(dir, 'allure-results');
      const outcome = generateAllureHtml(results, path.join(dir, 'allure-report'));
      assert.equal(outcome.generated, false);
      assert.match(
        (outcome as { reason: string }).reason,
        new RegExp(`^Java was not found.*npx allure generate ${results} -o ${path.join(dir, 'allure-report')}`),
      );
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.JAVA_HOME !== undefined) process.env.JAVA_HOME = saved.JAVA_HOME;
      if (saved.html !== undefined) process.env.HARNESS_ALLURE_HTML = saved.html;
    }
  });

  it('is left for later, with the command that makes it, when HARNESS_ALLURE_HTML=off asks for the results alone', () => {
    const saved = process.env.HARNESS_ALLURE_HTML;
    process.env.HARNESS_ALLURE_HTML = 'off';
    try {
      const results = path.join(dir, 'allure-results');
      const report = path.join(dir, 'skipped-report');
      const outcome = generateAllureHtml(results, report);
      assert.equal(outcome.generated, false);
      assert.match(
        (outcome as { reason: string }).reason,
        new RegExp(`HARNESS_ALLURE_HTML=off.*npx allure generate ${results} -o ${report}`),
      );
      assert.equal(existsSync(report), false);
    } finally {
      if (saved === undefined) delete process.env.HARNESS_ALLURE_HTML;
      else process.env.HARNESS_ALLURE_HTML = saved;
    }
  });
});
