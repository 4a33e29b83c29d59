import { createHash } from 'node:crypto';
import { MetricRegistry, type Tags } from './metrics/registry.ts';

export interface CheckNode {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

export interface GroupNode {
  name: string;
  path: string;
  id: string;
  groups: Map<string, GroupNode>;
  checks: Map<string, CheckNode>;
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

export function newGroup(name: string, parentPath: string | null): GroupNode {
  const path = parentPath === null ? '' : `${parentPath}::${name}`;
  return { name, path, id: md5(path), groups: new Map(), checks: new Map() };
}

/** What every VU of one run shares: the metrics, the group/check tree, the console. */
export class RunState {
  readonly metrics = new MetricRegistry();
  readonly rootGroup = newGroup('', null);
  readonly startedAt = performance.now();

  constructor(
    readonly log: (level: 'info' | 'warn' | 'error' | 'debug', message: string) => void,
    readonly runTags: Tags,
  ) {
    const builtins: [string, 'counter' | 'gauge' | 'rate' | 'trend', 'default' | 'time' | 'data'][] = [
      ['checks', 'rate', 'default'],
      ['data_received', 'counter', 'data'],
      ['data_sent', 'counter', 'data'],
      ['http_req_blocked', 'trend', 'time'],
      ['http_req_connecting', 'trend', 'time'],
      ['http_req_duration', 'trend', 'time'],
      ['http_req_failed', 'rate', 'default'],
      ['http_req_receiving', 'trend', 'time'],
      ['http_req_sending', 'trend', 'time'],
      ['http_req_tls_handshaking', 'trend', 'time'],
      ['http_req_waiting', 'trend', 'time'],
      ['http_reqs', 'counter', 'default'],
      ['iteration_duration', 'trend', 'time'],
      ['iterations', 'counter', 'default'],
      ['vus', 'gauge', 'default'],
      ['vus_max', 'gauge', 'default'],
      ['group_duration', 'trend', 'time'],
      ['dropped_iterations', 'counter', 'default'],
    ];
    for (const [name, type, contains] of builtins) this.metrics.define(name, type, contains);
  }

  group(path: string[]): GroupNode {
    let node = this.rootGroup;
    for (const name of path) {
      let child = node.groups.get(name);
      if (!child) {
        child = newGroup(name, node.path);
        node.groups.set(name, child);
      }
      node = child;
    }
    return node;
  }

  recordCheck(groupPath: string[], name: string, ok: boolean): void {
    const group = this.group(groupPath);
    let node = group.checks.get(name);
    if (!node) {
      const path = `${group.path}::${name}`;
      node = { name, path, id: md5(path), passes: 0, fails: 0 };
      group.checks.set(name, node);
    }
    if (ok) node.passes++;
    else node.fails++;
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }
}
