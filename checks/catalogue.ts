// Every check the suites may report, by id: reports look up severity, reference and title here, and
// `auth0-harness checks` lists them. Tests assert that ids are unique and well formed, each written
// out in the one file that defines it, each reference a link, and each check shown to pass and fail.
import type { Check } from './check.ts';
import { allErrorChecks } from './errors/error-cases.ts';
import { redirectChecks, redirectEchoesState, redirectStatusFound } from './http/redirect.ts';
import { samlMetadataChecks, wsfedMetadataChecks } from './http/federation-metadata.ts';
import { discoveryCheckSets } from './sets/discovery.ts';
import * as responseSchemas from './sets/response-schemas.ts';
import { tokenCheckSets } from './sets/token-checks.ts';
import { tokenSuccessChecks } from './sets/token-response.ts';
import { endpointResponseChecks } from './sets/endpoint-responses.ts';
import { logoutChecks } from './http/logout.ts';
import { mfaRequiredCarriesToken } from './errors/mfa-token.ts';
import { rateLimitRecoveryRules, rateLimitRules } from './ratelimit/rule-set.ts';
import { responseReceived } from './http/response-received.ts';
import { flowCompletedWithoutException } from './flow/completed-without-exception.ts';
import { userinfoSubjectChecks } from './http/userinfo-subject.ts';
import { authorizationServerMetadataChecks } from './endpoints/authorization-server-metadata.ts';
import { crossOriginLoginChecks, crossOriginLoginErrorChecks } from './endpoints/cross-origin-login.ts';
import { authenticatorRemovedChecks, unknownAuthenticatorChecks } from './endpoints/mfa-authenticator-removal.ts';
import { ssoDataChecks } from './endpoints/sso-data.ts';
import {
  otpChallengeChecks,
  otpChallengeErrorChecks,
  passwordlessVerifyChecks,
  passwordlessVerifyErrorChecks,
} from './endpoints/passwordless-otp.ts';
import { globalTokenRevocationChecks, globalTokenRevocationErrorChecks } from './endpoints/global-token-revocation.ts';
import { samlLogoutChecks, samlResponseChecks, wsfedResponseChecks } from './federation/federation-checks.ts';
import { samlCallbackRefusalChecks, samlLogoutPageChecks } from './federation/federation-statuses.ts';
import { legacyRefusalChecks, legacySuccessChecks } from './endpoints/legacy-endpoints.ts';

type AnyCheck = Check<never>;

const all: AnyCheck[] = [
  ...Object.values(tokenCheckSets).flat(),
  ...tokenSuccessChecks,
  ...discoveryCheckSets.discovery,
  ...discoveryCheckSets.jwks,
  ...discoveryCheckSets.auth0Jwks,
  ...Object.values(responseSchemas),
  ...Object.values(endpointResponseChecks).flat(),
  ...allErrorChecks(),
  ...redirectChecks,
  redirectStatusFound,
  redirectEchoesState,
  ...logoutChecks,
  mfaRequiredCarriesToken,
  ...userinfoSubjectChecks,
  ...authorizationServerMetadataChecks,
  ...crossOriginLoginChecks,
  ...crossOriginLoginErrorChecks,
  ...authenticatorRemovedChecks,
  ...unknownAuthenticatorChecks,
  ...ssoDataChecks,
  ...otpChallengeChecks,
  ...otpChallengeErrorChecks,
  ...passwordlessVerifyChecks,
  ...passwordlessVerifyErrorChecks,
  ...globalTokenRevocationChecks,
  ...globalTokenRevocationErrorChecks,
  ...samlResponseChecks,
  ...wsfedResponseChecks,
  ...samlLogoutChecks,
  ...samlCallbackRefusalChecks,
  ...samlLogoutPageChecks,
  ...Object.values(legacyRefusalChecks).flat(),
  ...Object.values(legacySuccessChecks).flat(),
  ...samlMetadataChecks,
  ...wsfedMetadataChecks,
  ...rateLimitRules,
  ...rateLimitRecoveryRules,
  responseReceived,
  flowCompletedWithoutException,
] as AnyCheck[];

export const checkCatalogue: ReadonlyMap<string, AnyCheck> = new Map(all.map((c) => [c.id, c]));

/** Ids that two distinct checks claim (a rule two profiles or sets share is one check object). */
export function duplicateCheckIds(): string[] {
  const seen = new Map<string, AnyCheck>();
  const dupes = new Set<string>();
  for (const c of all) {
    const other = seen.get(c.id);
    if (other && other !== c) dupes.add(c.id);
    seen.set(c.id, c);
  }
  return [...dupes];
}
