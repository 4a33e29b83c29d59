import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/run-cli.ts';

// A module that imports, through any chain, a module that imports it back cannot be read, loaded or
// tested on its own, and the order in which the two initialise becomes an accident. Every tracked
// module's static imports (type-only ones included: they couple as much) form a graph with no cycle.
// Dynamic import() is left out: it loads on demand (cli/main.ts loads each command that way).

const MODULE = /\.(ts|mts|mjs|js)$/;
const STATIC_IMPORT = /^\s*(?:import|export)\b[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/gm;
const BARE_IMPORT = /^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Every module git tracks (dist/ and node_modules are not tracked), with the modules it imports. */
export function importGraph(root = repoRoot): Map<string, string[]> {
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => MODULE.test(f) && !f.startsWith('test/fixtures/'));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = readFileSync(path.join(root, file), 'utf8');
    const targets = [...source.matchAll(STATIC_IMPORT), ...source.matchAll(BARE_IMPORT)].map((m) =>
      path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])),
    );
    graph.set(file, targets);
  }
  return graph;
}

/** The first import cycle found, as the files along it, or undefined. */
export function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'open') return [...trail.slice(trail.indexOf(file)), file];
    state.set(file, 'open');
    trail.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the module graph', () => {
  it('finds a cycle when there is one, through any number of modules', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    assert.deepEqual(findCycle(graph), ['a.ts', 'b.ts', 'c.ts', 'a.ts']);
    assert.equal(
      findCycle(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
      undefined,
    );
  });

  it('reads static imports and re-exports, type-only ones too, and leaves dynamic import() out', () => {
    const graph = importGraph();
    assert.ok(graph.get('cli/run-suite.ts')?.includes('cli/engine-log.ts'));
    assert.ok(graph.get('checks/catalogue.ts')?.some((f) => f.startsWith('checks/')));
    assert.ok(!graph.get('cli/main.ts')?.includes('cli/run-suite.ts'), 'main loads each command on demand');
  });

  it('has no import cycle anywhere in the repository', () => {
    const cycle = findCycle(importGraph());
    assert.equal(cycle, undefined, `import cycle: ${cycle?.join(' -> ')}`);
  });
});
