import type { z } from 'zod';
import { unknownFields, type FieldPath } from './unknown-fields.ts';

// zod's issues, phrased for the person who wrote the file: one sentence per problem that names the
// field (its JSON path, or the variable that set it), says what is wrong and how to fix it. Values
// are quoted to show what was read, except in fields that hold secrets.

export interface ProblemWording {
  /** How a field is named: its JSON path unless, say, an environment variable set it. */
  fieldName?(path: FieldPath): string;
  /** How a missing field is given, e.g. `add it to the --config file, or set AUTH0_HARNESS_AUDIENCE`. */
  howToGive?(path: FieldPath): string;
  /** Keys accepted at a path though the schema does not name them. */
  alsoKnown?(path: FieldPath): readonly string[];
  /** Paths whose problems were reported another way (a key file that could not be read). */
  alreadyReported?(path: FieldPath): boolean;
}

const SECRET_FIELD = /secret|password|privatekey|apikey|recoverycode|otp/i;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MAX_QUOTED = 60;
const MAX_LISTED = 12;

/** `clients.private_key_jwt.alg`, `applications[0].clientId`. */
export function jsonPath(path: FieldPath): string {
  if (path.length === 0) return '(the top level)';
  return path
    .map((part, i) =>
      typeof part === 'number'
        ? `[${part}]`
        : IDENTIFIER.test(part)
          ? `${i === 0 ? '' : '.'}${part}`
          : `[${JSON.stringify(part)}]`,
    )
    .join('');
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

const isSecret = (path: FieldPath) => path.some((p) => typeof p === 'string' && SECRET_FIELD.test(p));

function described(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object ({ … })',
  array: 'a list ([ … ])',
};

function issueSentence(issue: z.core.$ZodIssue, value: unknown, secret: boolean, howToGive: string): string {
  // What was read, quoted unless it is a secret's value (its type may still be named).
  const seen = secret && typeof value !== 'object' ? '' : `, not ${described(value)}`;
  // A schema's own message for a bound says best what is wanted; zod's default ("Too small: …") does not.
  if ((issue.code === 'too_small' || issue.code === 'too_big') && !/^Too (small|big)/.test(issue.message))
    return `${issue.message}.`;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `missing; ${howToGive}.`;
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${secret && typeof value === 'string' ? 'a string' : described(value)}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'must not be empty.' : `must be at least ${issue.minimum} characters long.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must list at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}.`;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}${seen}.`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must list at most ${issue.maximum} entries.`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}${seen}.`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${seen}.`;
    case 'invalid_format':
      if (issue.format === 'url') return `must be an absolute URL such as https://example.com/callback${seen}.`;
      if (issue.format === 'email') return `must be an email address${seen}.`;
      // A schema's own message says what form it wants; zod's default only quotes the pattern.
      return issue.message.startsWith('Invalid') ? `has the wrong form${seen}.` : `${issue.message}${seen}.`;
    case 'invalid_union':
      return `matches none of the forms it may take${seen}.`;
    default:
      return `${issue.message}.`;
  }
}

/**
 * Every problem of `value` against `schema`, as sentences: its issues and its unknown keys (a typo,
 * with the key it most likely meant). Empty when the value is valid.
 */
export function schemaProblems(schema: z.ZodType, value: unknown, wording: ProblemWording = {}): string[] {
  const name = (path: FieldPath) => wording.fieldName?.(path) ?? jsonPath(path);
  const reported = (path: FieldPath) => wording.alreadyReported?.(path) ?? false;
  const problems: { path: FieldPath; sentence: string }[] = [];
  for (const field of unknownFields(schema, value, wording.alsoKnown)) {
    const fix = field.suggestion
      ? `did you mean "${field.suggestion}"?`
      : `remove it (known here: ${field.known.slice(0, MAX_LISTED).join(', ')}${field.known.length > MAX_LISTED ? ', …' : ''}).`;
    problems.push({ path: field.path, sentence: `${name(field.path)}: unknown field; ${fix}` });
  }
  const parsed = schema.safeParse(value);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    // Unknown keys were listed above, with a suggestion.
    if (issue.code === 'unrecognized_keys' || reported(issue.path as FieldPath)) continue;
    const path = issue.path as FieldPath;
    const howToGive = wording.howToGive?.(path) ?? 'add it';
    problems.push({
      path,
      sentence: `${name(path)}: ${issueSentence(issue, valueAt(value, path), isSecret(path), howToGive)}`,
    });
  }
  // By field, so a misspelt key stands beside the field it was meant to be.
  return problems
    .sort((a, b) => (jsonPath(a.path) < jsonPath(b.path) ? -1 : jsonPath(a.path) > jsonPath(b.path) ? 1 : 0))
    .map((p) => p.sentence);
}
