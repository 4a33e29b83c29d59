import type { Stripe } from './striped-sequence.ts';

/**
 * Walks a segment's stripe, as k6's SegmentedIndex does: the n-th thing of this instance (`local`, from 1)
 * is the `global`-th of the whole test. k6 numbers VUs (exec.vu.idInInstance / idInTest) and each
 * scenario's iterations (exec.scenario.iterationInInstance / iterationInTest) with it, and plans
 * ramping-vus's VUs by it. Both counts are 0 before the first.
 */
export class SegmentedIndex {
  local = 0;
  global = 0;
  private readonly start: number;
  private readonly steps: number[];
  private readonly lcd: number;
  /** Where in a cycle of `lcd` the stripe's last index is. */
  private readonly lastInCycle: number;

  constructor({ start, steps, lcd }: Stripe) {
    this.start = start;
    this.steps = steps;
    this.lcd = lcd;
    this.lastInCycle = this.lcd - this.steps[this.steps.length - 1] + this.start;
  }

  /** On to this instance's next one. */
  next(): this {
    this.global += this.local === 0 ? this.start + 1 : this.steps[(this.local - 1) % this.steps.length];
    this.local++;
    return this;
  }

  /** Back to this instance's previous one (not before the first). */
  previous(): this {
    this.global -= this.local === 1 ? this.start + 1 : this.steps[(this.local - 2) % this.steps.length];
    this.local--;
    return this;
  }

  /** To the last of this instance's that is at most the whole test's `global`-th (0 when there is none). */
  goTo(global: number): this {
    const cycles = Math.floor(global / this.lcd);
    const rest = global % this.lcd;
    this.local = cycles * this.steps.length;
    // The index (from 0) of the last one: in the cycles before, then in the partial cycle.
    let last = cycles > 0 ? (cycles - 1) * this.lcd + this.lastInCycle : -1;
    for (let at = this.start, step = 0; at < rest; at += this.steps[step++]) {
      this.local++;
      last = cycles * this.lcd + at;
    }
    this.global = last + 1;
    return this;
  }
}
