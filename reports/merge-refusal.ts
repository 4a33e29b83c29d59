/**
 * Raw folders that cannot be merged into one run (different scripts, suites or targets, a segment run
 * twice, a runner without its JSON output), said in one sentence that names the folder and the fix.
 */
export class MergeRefusal extends Error {
  override readonly name = 'MergeRefusal';
}
