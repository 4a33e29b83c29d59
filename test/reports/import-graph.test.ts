import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/run-cli.ts';

const reportsDir = path.join(repoRoot, 'reports');

/** Each reports/ module and the reports/ modules it imports (type-only imports included: they couple too). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(reportsDir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(path.join(reportsDir, file), 'utf8');
    const imports = [...source.matchAll(/from '\.\/([\w.-]+\.ts)'/g)].map((m) => m[1]);
    graph.set(file, imports);
  }
  return graph;
}

/** The first import cycle found, as the files along it, or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
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

describe('reports/ module graph', () => {
  it('has no import cycle, so each module can be read and tested on its own', () => {
    const cycle = findCycle(importGraph());
    assert.equal(cycle, undefined, `import cycle: ${cycle?.join(' -> ')}`);
  });
});
