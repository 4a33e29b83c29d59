import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCycle, importGraph } from '../support/module-graph.ts';

// A module that imports, through any chain, a module that imports it back cannot be read, loaded or
// tested on its own, and the order in which the two initialise becomes an accident. Every tracked
// module's static imports (type-only ones included: they couple as much) form a graph with no cycle.
// Dynamic import() is left out: it loads on demand (cli/main.ts loads each command that way).

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
