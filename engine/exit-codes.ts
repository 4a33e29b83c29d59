// k6's exit codes (../shared/k6-reference/FACTS.md).
export const EXIT = {
  ok: 0,
  thresholdsCrossed: 99,
  invalidConfig: 104,
  externalAbort: 105,
  scriptException: 107,
  testAborted: 108,
} as const;
