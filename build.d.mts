import type { LogLevel } from 'esbuild';
export declare const K6_SYNTAX_TARGET: string;
export declare function scenarioEntryPoints(dir?: string): string[];
export declare function buildBundles(opts?: {
  entryPoints?: string[];
  outdir?: string;
  logLevel?: LogLevel;
}): Promise<void>;
