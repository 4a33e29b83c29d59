import { closestMatch } from 'leven';
import type { z } from 'zod';

// zod drops keys an object schema does not name, so a misspelt field (`clientSecrt`) would vanish
// and the run would go on without it. This walks a value beside its schema and lists every key the
// schema does not know, with the closest known one: a typo is one or two edits away.

export type FieldPath = readonly (string | number)[];

export interface UnknownField {
  /** The path of the unknown key itself. */
  path: FieldPath;
  /** The known key it is most likely a misspelling of. */
  suggestion?: string;
  /** The keys known where it stands. */
  known: readonly string[];
}

// The parts of zod's schema definitions the walk reads (zod 4's `_zod.def`).
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string>;
  getter?: () => z.ZodType;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The schema under optional(), default(), a transform's pipe, z.lazy() and the like. */
function unwrap(schema: z.ZodType): SchemaDef {
  let def = defOf(schema);
  for (;;) {
    if (WRAPPERS.has(def.type) && def.innerType) def = defOf(def.innerType);
    else if (def.type === 'pipe' && def.in) def = defOf(def.in);
    else if (def.type === 'lazy' && def.getter) def = defOf(def.getter());
    else return def;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The key a misspelt one most likely meant: the same but for case, or two edits (a third of a long key) away. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameButCase = known.find((k) => k.toLowerCase() === lower);
  if (sameButCase) return sameButCase;
  const match = closestMatch(
    lower,
    known.map((k) => k.toLowerCase()),
    { maxDistance: Math.max(2, Math.floor(key.length / 3)) },
  );
  return match === undefined ? undefined : known.find((k) => k.toLowerCase() === match);
}

/**
 * Every key in `value` that `schema` does not name, at any depth (objects, arrays, records with a
 * fixed set of keys). `alsoKnown` adds keys accepted at a path though the schema lacks them.
 */
export function unknownFields(
  schema: z.ZodType,
  value: unknown,
  alsoKnown: (path: FieldPath) => readonly string[] = () => [],
): UnknownField[] {
  const found: UnknownField[] = [];
  const walk = (def: SchemaDef, node: unknown, path: FieldPath) => {
    if (def.type === 'object' && def.shape && isPlainObject(node)) {
      const shape = def.shape;
      const open = def.catchall !== undefined && defOf(def.catchall).type !== 'never';
      const known = [...Object.keys(shape), ...alsoKnown(path)];
      for (const [key, child] of Object.entries(node)) {
        if (Object.hasOwn(shape, key)) walk(unwrap(shape[key]), child, [...path, key]);
        else if (!open && !known.includes(key))
          found.push({ path: [...path, key], suggestion: closestKey(key, known), known });
      }
    } else if (def.type === 'array' && def.element && Array.isArray(node)) {
      const element = unwrap(def.element);
      node.forEach((item, i) => walk(element, item, [...path, i]));
    } else if (def.type === 'record' && def.keyType && def.valueType && isPlainObject(node)) {
      const keys = unwrap(def.keyType);
      const known = keys.type === 'enum' && keys.entries ? Object.values(keys.entries) : undefined;
      const valueDef = unwrap(def.valueType);
      for (const [key, child] of Object.entries(node)) {
        if (known && !known.includes(key))
          found.push({ path: [...path, key], suggestion: closestKey(key, known), known });
        else walk(valueDef, child, [...path, key]);
      }
    }
  };
  walk(unwrap(schema), value, []);
  return found;
}
