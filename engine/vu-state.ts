import type { Tags } from './metrics/registry.ts';
import type { RunState } from './run-state.ts';

/** One VU's mutable state, read by the k6 modules bound to it. */
export interface VuState {
  run: RunState;
  id: number;
  iteration: number;
  scenario: string;
  groupPath: string[];
  /** Tags every sample of this VU carries (scenario, custom scenario and run tags). */
  tags: Tags;
  responseCallback?: (status: number) => boolean;
}

export function groupTag(vu: VuState): string {
  return vu.groupPath.length ? `::${vu.groupPath.join('::')}` : '';
}
