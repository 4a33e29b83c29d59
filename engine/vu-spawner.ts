import type { ScenarioProgress } from './vu-state.ts';
import { LocalVu, type ScriptInstance, type Vu } from './vu.ts';

/** Initialises the VUs of the run, numbering them 1, 2, … across scenarios as k6 does. */
export class VuSpawner {
  private nextId = 1;

  constructor(private readonly local: ScriptInstance) {}

  create(scenario: ScenarioProgress): Vu {
    const id = this.nextId++;
    this.local.run.initialisedVus++;
    return new LocalVu(this.local, scenario, id);
  }
}
