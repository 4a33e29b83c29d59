import { groupTag, type VuState } from '../vu-state.ts';

/** The `k6` module for one VU: check, group, sleep, fail, randomSeed. */
export function k6Module(vu: VuState) {
  return {
    check(value: unknown, checks: Record<string, (v: unknown) => unknown>, tags: Record<string, string> = {}): boolean {
      let all = true;
      for (const name of Object.keys(checks)) {
        let ok: boolean;
        try {
          ok = !!checks[name](value);
        } catch (error) {
          ok = false;
          vu.run.log('error', `check "${name}" threw: ${(error as Error).message}`);
        }
        vu.run.recordCheck(vu.groupPath, name, ok);
        vu.run.metrics.add('checks', ok ? 1 : 0, { ...vu.tags, group: groupTag(vu), ...tags, check: name });
        all &&= ok;
      }
      return all;
    },
    group<T>(name: string, fn: () => T): T {
      if (fn.constructor?.name === 'AsyncFunction') throw new Error('group() does not support async functions as arguments');
      vu.groupPath.push(name);
      vu.run.group(vu.groupPath);
      const started = performance.now();
      try {
        return fn();
      } finally {
        vu.run.metrics.add('group_duration', performance.now() - started, { ...vu.tags, group: groupTag(vu) });
        vu.groupPath.pop();
      }
    },
    sleep(seconds: number): never {
      throw new Error('sleep() cannot block the local engine; use `await new Promise((r) => setTimeout(r, ms))` from k6/timers');
    },
    fail(message?: string): never {
      throw new Error(message ?? 'fail() called');
    },
    randomSeed(_seed: number): void {},
  };
}
