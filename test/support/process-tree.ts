import { readdirSync, readFileSync } from 'node:fs';

// Processes as Linux's /proc shows them, to follow everything a command started (its children
// outlive it when it is killed, reparented to init) and to tell when each has ended.

/** A process, told apart from a later one that reuses its pid by its start time. */
export interface ProcessId {
  pid: number;
  startTime: string;
}

interface ProcStat {
  state: string;
  ppid: number;
  startTime: string;
}

function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // proc(5): fields after the parenthesised command name, from field 3 (state); starttime is field 22.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], ppid: Number(fields[1]), startTime: fields[19] };
}

/** The given processes and every process below them, now. */
export function processTrees(roots: readonly number[]): ProcessId[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    const stat = Number.isInteger(pid) ? procStat(pid) : undefined;
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  }
  const found = new Map<number, ProcessId>();
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const stat = found.has(pid) ? undefined : procStat(pid);
    if (!stat) continue;
    found.set(pid, { pid, startTime: stat.startTime });
    queue.push(...(children.get(pid) ?? []));
  }
  return [...found.values()];
}

/** Whether the process still runs (a zombie has ended; it only waits to be reaped). */
export function isRunning(p: ProcessId): boolean {
  const stat = procStat(p.pid);
  return stat !== undefined && stat.startTime === p.startTime && stat.state !== 'Z';
}
