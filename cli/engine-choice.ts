import { spawnSync } from 'node:child_process';
import { engineProcessCommand } from '../engine/engine-process.ts';
import { UsageError } from './usage-error.ts';

type EngineName = 'k6' | 'local';

export interface EngineChoice {
  name: EngineName;
  /** e.g. "k6 v1.2.3" or "auth0-harness local engine". */
  description: string;
  command: string;
  args: string[];
  /** The local engine started from its bundle: it listens on an IPC channel for its parent's death. */
  ipc?: boolean;
}

const K6_MIN_MAJOR = 1;

/** The version of a `k6` on PATH, if there is one and it answers `k6 version`. */
function findK6(): string | undefined {
  const probe = spawnSync('k6', ['version'], { encoding: 'utf8' });
  if (probe.status !== 0 || !probe.stdout) return undefined;
  return /v(\d+\.\d+\.\d+)/.exec(probe.stdout)?.[1];
}

export async function chooseEngine(requested: 'auto' | 'local' | 'k6', harnessBin: string): Promise<EngineChoice> {
  // Straight from the engine's bundle; where none can be written, through `auth0-harness k6`.
  const local = async (): Promise<EngineChoice> => {
    const description = 'auth0-harness local engine';
    const bundle = await engineProcessCommand();
    if (bundle)
      return {
        name: 'local',
        description,
        command: bundle.command,
        args: bundle.args,
        ipc: true,
      };
    return { name: 'local', description, command: process.execPath, args: [harnessBin, 'k6'] };
  };
  if (requested === 'local') return local();
  const version = findK6();
  const usable = version !== undefined && Number(version.split('.')[0]) >= K6_MIN_MAJOR;
  if (usable) return { name: 'k6', description: `k6 v${version}`, command: 'k6', args: [] };
  if (requested === 'k6') {
    throw new UsageError(
      version
        ? `--engine k6: the k6 on PATH is v${version}; the bundles need k6 >= ${K6_MIN_MAJOR}.0. Upgrade k6, or use --engine local.`
        : '--engine k6: no k6 binary was found on PATH. Install k6 >= 1.0, or use --engine local (the default when k6 is missing).',
    );
  }
  return local();
}
