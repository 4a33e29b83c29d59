// k6's exit codes (test/fixtures/k6-reference/README.md).
export const EXIT = {
  ok: 0,
  thresholdsCrossed: 99,
  invalidConfig: 104,
  externalAbort: 105,
  scriptException: 107,
  testAborted: 108,
} as const;
