import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestResult } from 'allure-js-commons';
import { FileSystemWriter } from 'allure-js-commons/sdk/reporter';

/**
 * allure-js's results writer, but a test result is written without an fsync. The library syncs every
 * file it writes (for results read while the tests still run); a harness run writes its results once
 * it has ended, hundreds at a time (624 for conformance), and the syncs made about a second of it.
 * Names and contents are the library's: `<uuid>-result.json`, Allure's results format.
 */
export class ResultsFolderWriter extends FileSystemWriter {
  constructor(private readonly dir: string) {
    super({ resultsDir: dir });
    mkdirSync(dir, { recursive: true });
  }

  override writeResult(result: TestResult): void {
    writeFileSync(path.join(this.dir, `${result.uuid}-result.json`), JSON.stringify(result));
  }
}
