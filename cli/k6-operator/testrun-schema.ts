import { readFileSync } from 'node:fs';
import { Ajv, type AnySchemaObject, type ErrorObject, type SchemaValidateFunction } from 'ajv';
import { parse } from 'yaml';

// A TestRun is checked as a Kubernetes API server (with kubectl's strict field validation, the default
// since Kubernetes 1.27) checks a custom resource: against the openAPIV3Schema of k6-operator's CRD,
// with Kubernetes' formats and structural-schema extensions understood, and with unknown fields
// refused (the API server would otherwise drop them silently), plus the harness's own rules.

const CRD_FILE = new URL('./k6.io_testruns.yaml', import.meta.url);

// The harness's own rules, beyond the CRD's; each says why, which a refusal repeats.
const HARNESS_RULES: AnySchemaObject = {
  type: 'object',
  required: ['metadata'],
  properties: {
    metadata: {
      type: 'object',
      required: ['name'],
      properties: {
        name: {
          type: 'string',
          pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
          maxLength: 51,
          description:
            "the operator names its jobs <name>-initializer and <name>-<i>, and a job's name must be a DNS label of at most 63 characters",
        },
      },
    },
    spec: {
      type: 'object',
      properties: {
        parallelism: {
          type: 'integer',
          minimum: 1,
          description: "a TestRun of fewer than one runner runs nothing, though k6-operator's CRD allows it",
        },
      },
    },
  },
};

/** Kubernetes' `x-kubernetes-list-type`: `set` items are unique, `map` items unique by their map keys. */
const listType: SchemaValidateFunction = (kind: string, data: unknown[], parentSchema) => {
  if (kind !== 'set' && kind !== 'map') return true;
  const keys: string[] = (parentSchema as AnySchemaObject)['x-kubernetes-list-map-keys'] ?? [];
  const identity = (item: unknown) =>
    JSON.stringify(kind === 'map' ? keys.map((k) => (item as Record<string, unknown>)[k]) : item);
  const seen = new Set<string>();
  for (const item of data) {
    const id = identity(item);
    if (seen.has(id)) {
      listType.errors = [
        {
          keyword: 'x-kubernetes-list-type',
          message: `has a duplicate ${kind === 'map' ? keys.join('/') : 'item'} ${id}`,
          params: {},
        },
      ];
      return false;
    }
    seen.add(id);
  }
  return true;
};

/** Closes every object schema that lists its properties, unless it preserves unknown fields. */
function refuseUnknownFields(schema: AnySchemaObject): AnySchemaObject {
  const out: AnySchemaObject = { ...schema };
  if (out.properties) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, AnySchemaObject>).map(([k, v]) => [k, refuseUnknownFields(v)]),
    );
    if (out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields'])
      out.additionalProperties = false;
  }
  if (out.items) out.items = refuseUnknownFields(out.items);
  if (typeof out.additionalProperties === 'object')
    out.additionalProperties = refuseUnknownFields(out.additionalProperties);
  for (const key of ['anyOf', 'allOf', 'oneOf'] as const)
    if (out[key]) out[key] = (out[key] as AnySchemaObject[]).map(refuseUnknownFields);
  return out;
}

function testRunSchema(): AnySchemaObject {
  const crd = parse(readFileSync(CRD_FILE, 'utf8'));
  const version = crd.spec.versions.find((v: { name: string }) => v.name === 'v1alpha1');
  return { allOf: [refuseUnknownFields(version.schema.openAPIV3Schema), HARNESS_RULES] };
}

function validator() {
  // strictTypes would refuse Kubernetes' int-or-string quantities, which put a string `pattern` beside an
  // `anyOf` of integer and string. One manifest is checked per compile: the code generator's optimisation passes would cost more than they save.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, code: { optimize: false } });
  // Kubernetes' numeric formats are ranges; date-time is RFC 3339.
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isSafeInteger(n) });
  ajv.addFormat(
    'date-time',
    (s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)),
  );
  ajv.addKeyword({
    keyword: 'x-kubernetes-int-or-string',
    schemaType: 'boolean',
    validate: function intOrString(on: boolean, data: unknown) {
      return !on || Number.isInteger(data) || typeof data === 'string';
    },
    errors: false,
  });
  ajv.addKeyword({ keyword: 'x-kubernetes-list-type', type: 'array', schemaType: 'string', validate: listType });
  // Read by the list-type rule above, or merge strategies for server-side apply: nothing to check.
  ajv.addKeyword({ keyword: 'x-kubernetes-list-map-keys', schemaType: 'array' });
  ajv.addKeyword({ keyword: 'x-kubernetes-map-type', schemaType: 'string' });
  // Unknown fields are allowed below such a node: refuseUnknownFields leaves it open.
  ajv.addKeyword({ keyword: 'x-kubernetes-preserve-unknown-fields', schemaType: 'boolean' });
  return ajv.compile(testRunSchema());
}

let validate: ReturnType<typeof validator> | undefined;

/** A field's path as kubectl names it: `spec.runner.env[0].name`. */
function fieldPath(error: ErrorObject): string {
  const parts = error.instancePath.split('/').slice(1);
  if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
  if (error.keyword === 'required') parts.push(String(error.params.missingProperty));
  return parts.reduce((path, p) => (/^\d+$/.test(p) ? `${path}[${p}]` : path ? `${path}.${p}` : p), '');
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return 'is not a field of a TestRun';
  if (error.keyword === 'required') return 'is required';
  return error.message ?? 'is invalid';
}

export interface TestRunProblem {
  field: string;
  message: string;
  /** Whose rule: k6-operator's CRD, or the harness's (with why). */
  rule: string;
}

/** What is wrong with a TestRun, one problem per field (empty when the API server would accept it). */
export function testRunProblems(manifest: unknown): TestRunProblem[] {
  validate ??= validator();
  if (validate(manifest)) return [];
  const problems = new Map<string, TestRunProblem>();
  for (const error of validate.errors ?? []) {
    // allOf repeats a failure of a branch as "must match" on the parent: the branch's own error says more.
    if (error.keyword === 'allOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const field = fieldPath(error);
    const harnessRule = error.schemaPath.startsWith('#/allOf/1/');
    const rule = harnessRule ? `auth0-harness: ${error.parentSchema?.description}` : "k6-operator's TestRun schema";
    if (!problems.has(field)) problems.set(field, { field, message: describe(error), rule });
  }
  return [...problems.values()];
}
