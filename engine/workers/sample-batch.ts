import type { Tags } from '../metrics/metric-type.ts';
import type { MetricDefinition } from '../metrics/registry.ts';
import type { RunState } from '../run-state.ts';

/**
 * What a worker thread's VUs recorded since the last batch, compact for postMessage: metric names and
 * tag sets are sent once and then referred to by number; samples are flat [name, value, tags] triples.
 */
export interface SampleBatch {
  defines: MetricDefinition[];
  /** The worker forgot its tag sets (to bound memory): numbering restarts with this batch's. */
  resetTags: boolean;
  names: string[];
  tagSets: Tags[];
  samples: number[];
  checks: [string[], string, boolean][];
  groups: string[][];
}

// Distinct tag sets remembered per worker; past this the encoder resends them (bounded memory).
const MAX_TAG_SETS = 10_000;

/** Worker side: gathers samples, checks and groups into batches. */
export class SampleEncoder {
  private batch = SampleEncoder.empty();
  private readonly nameIds = new Map<string, number>();
  private tagIds = new Map<string, number>();
  private lastTags: Tags | undefined;
  private lastTagId = -1;
  private tagCount = 0;
  private pending: SampleBatch[] = [];

  private static empty(): SampleBatch {
    return { defines: [], resetTags: false, names: [], tagSets: [], samples: [], checks: [], groups: [] };
  }

  define(definition: MetricDefinition): void {
    this.batch.defines.push(definition);
  }

  sample(metric: string, value: number, tags: Tags): void {
    let nameId = this.nameIds.get(metric);
    if (nameId === undefined) {
      nameId = this.nameIds.size;
      this.nameIds.set(metric, nameId);
      this.batch.names.push(metric);
    }
    if (tags !== this.lastTags) {
      const key = JSON.stringify(tags);
      let id = this.tagIds.get(key);
      if (id === undefined) {
        if (this.tagIds.size >= MAX_TAG_SETS) {
          // Samples already in this batch keep their numbers: send it first, then start over.
          this.flushTags();
        }
        id = this.tagCount++;
        this.tagIds.set(key, id);
        this.batch.tagSets.push(tags);
      }
      this.lastTags = tags;
      this.lastTagId = id;
    }
    this.batch.samples.push(nameId, value, this.lastTagId);
  }

  private flushTags(): void {
    this.pending.push(this.batch);
    this.batch = SampleEncoder.empty();
    this.batch.resetTags = true;
    this.tagIds = new Map();
    this.tagCount = 0;
  }

  check(groupPath: readonly string[], name: string, ok: boolean): void {
    this.batch.checks.push([[...groupPath], name, ok]);
  }

  group(path: readonly string[]): void {
    this.batch.groups.push([...path]);
  }

  /** The batches so far, in order (empty when nothing happened), starting a new one. */
  take(): SampleBatch[] {
    const b = this.batch;
    const out = this.pending;
    this.pending = [];
    if (b.samples.length || b.checks.length || b.groups.length || b.defines.length || b.resetTags) {
      out.push(b);
      this.batch = SampleEncoder.empty();
    }
    return out;
  }
}

/** Main side: replays one worker's batches into the run's metrics and check tree. */
export class SampleDecoder {
  private readonly names: string[] = [];
  private readonly tagSets: Tags[] = [];

  constructor(private readonly run: RunState) {}

  apply(batch: SampleBatch): void {
    const metrics = this.run.metrics;
    for (const d of batch.defines) metrics.define(d.name, d.type, d.contains);
    if (batch.resetTags) this.tagSets.length = 0;
    this.names.push(...batch.names);
    this.tagSets.push(...batch.tagSets);
    for (const path of batch.groups) this.run.group(path);
    for (const [path, name, ok] of batch.checks) this.run.recordCheck(path, name, ok);
    const s = batch.samples;
    for (let i = 0; i < s.length; i += 3) metrics.add(this.names[s[i]], s[i + 1], this.tagSets[s[i + 2]]);
  }
}
