import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { moduleImports, resolveRelative, type ModuleImport } from '../support/module-graph.ts';
import { repoRoot } from '../support/repo-root.ts';

// scenarios/, checks/ and lib/ run inside k6; cli/, engine/, tenant/, reports/, bench/ and bin/ run in
// Node. Node may load checks/ and the one folder of lib/ written for both runtimes, lib/k6-and-node/;
// the rest of lib/ is k6-only (it calls k6/http, records k6 checks, ...). The k6 side imports only k6
// modules, each other and the packages the bundles carry (build.mjs bundles every npm import and
// refuses Node built-ins, but only for what a scenario reaches today).

const NODE_SIDE = /^(bin|bench|cli|engine|reports|tenant)\//;
const K6_SIDE = /^(lib|checks|scenarios)\//;
const FOR_BOTH_RUNTIMES = 'lib/k6-and-node/';
const K6_MODULE = /^k6(\/|$)/;

/** npm packages that run on web-standard APIs alone, which esbuild bundles into dist/ for k6. */
export const BUNDLED_PACKAGES = [
  'jose',
  'zod',
  'otpauth',
  'xmldsigjs',
  'xml-core',
  '@xmldom/xmldom',
  'fast-xml-parser',
  'fflate',
];

const isRelative = (specifier: string) => /^\.{1,2}\//.test(specifier);
const packageOf = (specifier: string) => specifier.split('/', specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * Each way Node-side code (or lib/k6-and-node/ itself) reaches a k6-only part of the k6 side: a
 * lib/ file outside lib/k6-and-node/, or a k6 module, through any chain of checks/ and lib/ files.
 * One chain per offending module, from where Node enters the k6 side.
 */
export function nodeReachingK6Only(modules: Map<string, ModuleImport[]>): string[] {
  const cameFrom = new Map<string, string | undefined>();
  const queue = [...modules.keys()].filter((f) => NODE_SIDE.test(f) || f.startsWith(FOR_BOTH_RUNTIMES));
  for (const file of queue) cameFrom.set(file, undefined);
  const chain = (file: string): string[] => {
    const before = cameFrom.get(file);
    return before === undefined ? [file] : [...chain(before), file];
  };
  const violations: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    for (const { specifier } of modules.get(file) ?? []) {
      if (K6_MODULE.test(specifier) && !NODE_SIDE.test(file)) {
        violations.push(`${chain(file).join(' -> ')} imports the k6 module "${specifier}"`);
        continue;
      }
      if (!isRelative(specifier)) continue;
      const target = resolveRelative(file, specifier);
      if (!K6_SIDE.test(target) || cameFrom.has(target)) continue;
      cameFrom.set(target, file);
      if (target.startsWith('lib/') && !target.startsWith(FOR_BOTH_RUNTIMES)) {
        violations.push(`${chain(target).join(' -> ')}: a k6-only file, outside ${FOR_BOTH_RUNTIMES}`);
        continue;
      }
      queue.push(target);
    }
  }
  return violations.sort();
}

/** Each import on the k6 side of anything but a k6 module, another k6-side file or a bundled package. */
export function k6SideImportsBeyondBundle(modules: Map<string, ModuleImport[]>): string[] {
  const violations: string[] = [];
  for (const [file, imports] of modules) {
    if (!K6_SIDE.test(file)) continue;
    for (const { specifier } of imports) {
      const allowed = isRelative(specifier)
        ? K6_SIDE.test(resolveRelative(file, specifier))
        : K6_MODULE.test(specifier) || BUNDLED_PACKAGES.includes(packageOf(specifier));
      if (!allowed) violations.push(`${file} imports "${specifier}"`);
    }
  }
  return violations;
}

const imports = (entries: Record<string, string[]>) =>
  new Map(
    Object.entries(entries).map(([file, specifiers]) => [
      file,
      specifiers.map((specifier) => ({ specifier, dynamic: false })),
    ]),
  );

describe('the boundary between k6 and Node', () => {
  it('reports Node-side code that reaches a k6-only lib/ file, directly or through checks/', () => {
    const modules = imports({
      'cli/run.ts': ['../checks/status.ts', '../lib/k6-and-node/config.ts'],
      'checks/status.ts': ['../lib/record-checks.ts'],
      'lib/record-checks.ts': ['k6'],
      'lib/k6-and-node/config.ts': ['zod'],
      'reports/write.ts': ['../lib/send-request.ts'],
    });
    assert.deepEqual(nodeReachingK6Only(modules), [
      'cli/run.ts -> checks/status.ts -> lib/record-checks.ts: a k6-only file, outside lib/k6-and-node/',
      'reports/write.ts -> lib/send-request.ts: a k6-only file, outside lib/k6-and-node/',
    ]);
  });

  it('reports a lib/k6-and-node/ file that imports a k6-only file or a k6 module', () => {
    const modules = imports({
      'lib/k6-and-node/config.ts': ['../wait.ts'],
      'lib/k6-and-node/clock.ts': ['./sleep.ts'],
      'lib/k6-and-node/sleep.ts': ['k6'],
      'lib/wait.ts': ['k6'],
    });
    assert.deepEqual(nodeReachingK6Only(modules), [
      'lib/k6-and-node/config.ts -> lib/wait.ts: a k6-only file, outside lib/k6-and-node/',
      'lib/k6-and-node/sleep.ts imports the k6 module "k6"',
    ]);
  });

  it('reports a k6-side import of a Node built-in, an unbundled package or Node-side code', () => {
    const modules = imports({
      'lib/wait.ts': ['k6', 'k6/http', 'jose', '@xmldom/xmldom', './k6-and-node/config.ts', '../checks/status.ts'],
      'checks/status.ts': ['node:crypto', 'fastify', '../tenant/users.ts'],
      'scenarios/load.ts': ['crypto'],
      'cli/run.ts': ['node:fs', 'commander'],
    });
    assert.deepEqual(k6SideImportsBeyondBundle(modules), [
      'checks/status.ts imports "node:crypto"',
      'checks/status.ts imports "fastify"',
      'checks/status.ts imports "../tenant/users.ts"',
      'scenarios/load.ts imports "crypto"',
    ]);
  });

  it('bundles only packages the harness depends on', () => {
    const { dependencies } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    assert.deepEqual(
      BUNDLED_PACKAGES.filter((name) => !(name in dependencies)),
      [],
    );
  });

  const repository = moduleImports();

  it('has Node-side code reach lib/ only through lib/k6-and-node/, which imports nothing k6-only', () => {
    assert.deepEqual(nodeReachingK6Only(repository), []);
  });

  it('has the k6 side import only k6 modules, each other and the bundled packages', () => {
    assert.deepEqual(k6SideImportsBeyondBundle(repository), []);
  });
});
