import { sampleTags, type VuState } from '../vu-state.ts';

// mulberry32: a small seedable generator for randomSeed(), which k6 uses to make Math.random repeatable.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SLEEP_UNSUPPORTED =
  'sleep() blocks the VU, and this VU shares its event loop with others, where blocking would stall them all; ' +
  'write `await new Promise((r) => setTimeout(r, ms))` (setTimeout from k6/timers, which k6 runs the same way), or run this script with k6';

/** The `k6` module for one VU: check, group, sleep, fail, randomSeed. */
export function k6Module(vu: VuState) {
  return {
    check<T>(value: T, checks: Record<string, (v: T) => unknown>, tags?: Record<string, string>): boolean {
      let all = true;
      for (const name of Object.keys(checks)) {
        // k6 fails a check whose function throws and lets the exception end the iteration.
        const ok = !!checks[name](value);
        vu.run.recordCheck(vu.groupPath, name, ok);
        const sample = sampleTags(vu, tags);
        sample.check = name;
        vu.run.metrics.add('checks', ok ? 1 : 0, sample);
        all &&= ok;
      }
      return all;
    },
    group<T>(name: string, fn: () => T): T {
      if (typeof fn !== 'function') throw new Error('group() needs a function as its second argument');
      if (fn.constructor?.name === 'AsyncFunction')
        throw new Error('group() does not support async functions as arguments');
      vu.groupPath.push(name);
      vu.run.group(vu.groupPath);
      const started = performance.now();
      try {
        return fn();
      } finally {
        vu.run.metrics.add('group_duration', performance.now() - started, sampleTags(vu));
        vu.groupPath.pop();
      }
    },
    sleep(seconds: number): void {
      if (!vu.blocking) throw new Error(SLEEP_UNSUPPORTED);
      vu.blocking.sleep(Number(seconds) * 1000);
    },
    fail(message?: string): never {
      throw new Error(message ?? 'fail() was called');
    },
    randomSeed(seed: number): void {
      Math.random = seeded(seed);
    },
  };
}
