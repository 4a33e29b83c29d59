import type { BuildOptions } from 'esbuild';
export declare function freshBuild(build: {
  name: string;
  cacheDir: string;
  root: string;
  entryPoint: string;
  options: BuildOptions;
}): Promise<string>;
