import { readFileSync } from 'node:fs';

/** The harness's version, as package.json gives it: `auth0-harness --version`, and in every report. */
export function harnessVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
