import type { Check } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { backChannelErrorCases } from './back-channel-errors.ts';
import type { ErrorCaseChecks } from './error-case-checks.ts';
import { clientAssertionErrorCases } from './client-assertion-errors.ts';
import { tokenErrorCases } from './token-errors.ts';
import { userinfoRefusesToken } from './userinfo-refusal.ts';

const ERROR_CASES = { ...tokenErrorCases, ...clientAssertionErrorCases, ...backChannelErrorCases };

/** The negative cases the conformance suite provokes, by name. */
export type ErrorCaseName = keyof typeof ERROR_CASES;

export type ErrorProfile = 'auth0' | 'oidc';

const ERROR_CASE_NAMES = Object.keys(ERROR_CASES) as ErrorCaseName[];

/** The checks for one negative case under one profile (empty where the profile has no rule for it). */
export function errorChecks(name: ErrorCaseName, profile: ErrorProfile): Check<Exchange>[] {
  const cases: Record<ErrorCaseName, ErrorCaseChecks> = ERROR_CASES;
  return cases[name][profile] ?? [];
}

/** Every error check of every profile, each once, for the catalogue. */
export function allErrorChecks(): Check<Exchange>[] {
  const checks = ERROR_CASE_NAMES.flatMap((n) => [...errorChecks(n, 'auth0'), ...errorChecks(n, 'oidc')]);
  return [...new Set([...checks, ...userinfoRefusesToken])];
}
