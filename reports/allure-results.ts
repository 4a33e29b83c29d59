import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkCatalogue } from '../checks/catalogue.ts';
import type { Finding } from '../lib/result-protocol.ts';
import type { RunSummary } from './run-summary.ts';

// Allure 2 result files, written against Allure's documented results format: one test per check ×
// endpoint × credential method (epic = suite, feature = endpoint, story = check id).

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export interface AllureContext {
  summary: RunSummary;
  findings: Finding[];
  environment: Record<string, string>;
}

export function writeAllureResults(dir: string, ctx: AllureContext): void {
  mkdirSync(dir, { recursive: true });
  const { summary } = ctx;
  const start = Date.parse(summary.startedAt);
  const stop = start + summary.durationMs;
  for (const c of summary.checks) {
    const uuid = randomUUID();
    const check = checkCatalogue.get(c.id);
    const fullName = `${summary.suite} ${c.endpoint} ${c.credential ?? 'none'} ${c.id}`;
    const finding = ctx.findings.find((f) => f.checkId === c.id && f.endpoint === c.endpoint && f.credential === c.credential);
    const attachments = [];
    if (finding?.request || finding?.response) {
      const source = `${randomUUID()}-attachment.json`;
      writeFileSync(path.join(dir, source), JSON.stringify({ request: finding.request, response: finding.response }, null, 2));
      attachments.push({ name: 'request and response (redacted)', source, type: 'application/json' });
    }
    const status = c.fails === 0 ? 'passed' : c.severity === 'warning' ? 'passed' : 'failed';
    const result = {
      uuid,
      historyId: md5(fullName),
      testCaseId: md5(fullName),
      name: `${c.id} [${c.credential ?? 'none'}]`,
      fullName,
      description: check ? `${check.title}\n\nReference: ${check.ref}` : undefined,
      status,
      statusDetails: c.fails ? { message: `${c.fails} of ${c.passes + c.fails} failed: ${c.message ?? ''}` } : {},
      stage: 'finished',
      start,
      stop,
      labels: [
        { name: 'epic', value: summary.suite },
        { name: 'feature', value: c.endpoint },
        { name: 'story', value: c.id },
        { name: 'severity', value: c.severity === 'failure' ? 'critical' : 'minor' },
        { name: 'suite', value: summary.suite },
        { name: 'parentSuite', value: 'auth0-harness' },
        { name: 'subSuite', value: c.endpoint },
      ],
      parameters: [
        { name: 'credential method', value: c.credential ?? 'none' },
        { name: 'profile', value: summary.profile },
        { name: 'engine', value: summary.engine },
      ],
      attachments,
      steps: finding?.flow ? [{ name: finding.flow, status, stage: 'finished', start, stop }] : [],
    };
    writeFileSync(path.join(dir, `${uuid}-result.json`), JSON.stringify(result));
  }
  writeFileSync(
    path.join(dir, 'environment.properties'),
    Object.entries(ctx.environment)
      .map(([k, v]) => `${k}=${v.replace(/\n/g, ' ')}`)
      .join('\n') + '\n',
  );
  writeFileSync(
    path.join(dir, 'executor.json'),
    JSON.stringify({ name: 'auth0-harness', type: 'auth0-harness', buildName: `${summary.suite} ${summary.startedAt}` }),
  );
  writeFileSync(
    path.join(dir, 'categories.json'),
    JSON.stringify([
      { name: 'The server broke the contract', matchedStatuses: ['failed'] },
      { name: 'The harness or the network failed', matchedStatuses: ['broken'] },
    ]),
  );
}
