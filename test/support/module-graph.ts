import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './run-cli.ts';

// The repository's modules and what each imports, read from the source text: what the architecture
// tests walk (no import cycle; the k6/Node boundary).

const MODULE = /\.(ts|mts|mjs|js)$/;
const STATIC_IMPORT = /^\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]/gm;
const SIDE_EFFECT_IMPORT = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** One import of a module: the specifier as written, and whether it is a dynamic import(). */
export interface ModuleImport {
  specifier: string;
  dynamic: boolean;
}

const isRelative = (specifier: string) => /^\.{1,2}\//.test(specifier);

/** A relative specifier as the repository path it names, seen from `file`. */
export function resolveRelative(file: string, specifier: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
}

/**
 * Every module git tracks (dist/ and node_modules are not tracked; test/fixtures holds data, not
 * modules), with every import it writes: static ones (type-only included), side-effect ones and
 * dynamic import() of a literal.
 */
export function moduleImports(root = repoRoot): Map<string, ModuleImport[]> {
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => MODULE.test(f) && !f.startsWith('test/fixtures/'));
  const modules = new Map<string, ModuleImport[]>();
  for (const file of files) {
    const source = readFileSync(path.join(root, file), 'utf8');
    const written = (pattern: RegExp, dynamic: boolean) =>
      [...source.matchAll(pattern)].map((m) => ({ specifier: m[1], dynamic }));
    modules.set(file, [
      ...written(STATIC_IMPORT, false),
      ...written(SIDE_EFFECT_IMPORT, false),
      ...written(DYNAMIC_IMPORT, true),
    ]);
  }
  return modules;
}

/**
 * Each module with the repository modules it imports. Dynamic import() is left out unless asked for:
 * it loads on demand (cli/main.ts loads each command that way), so it makes no import cycle.
 */
export function importGraph(root = repoRoot, { dynamic = false }: { dynamic?: boolean } = {}): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, imports] of moduleImports(root)) {
    graph.set(
      file,
      imports
        .filter((i) => isRelative(i.specifier) && (dynamic || !i.dynamic))
        .map((i) => resolveRelative(file, i.specifier)),
    );
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
