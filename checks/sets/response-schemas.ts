import { defineCheck, describeValue, expectThat } from '../check.ts';
import type { Exchange } from '../exchange.ts';
import { AUTH0, OPENID, rfc } from '../references.ts';
import { BackchannelAuthorizeResponse } from '../schemas/bc-authorize.ts';
import { changePasswordSentence } from '../schemas/change-password.ts';
import { DeviceCodeResponse } from '../schemas/device-code.ts';
import { ClientRegistrationResponse } from '../schemas/dynamic-registration.ts';
import { MfaAssociateResponse, MfaAuthenticatorList, MfaChallengeResponse } from '../schemas/mfa.ts';
import { PushedAuthorizationResponse } from '../schemas/par.ts';
import { PasswordlessStartResponse } from '../schemas/passwordless-start.ts';
import { schemaCheck } from '../schemas/schema-check.ts';
import { SignupResponse } from '../schemas/signup.ts';
import { UserInfo } from '../schemas/userinfo.ts';

// The success body of every back-channel endpoint other than the token endpoint and discovery
// (those live with their flows' sets), one schema check each.

export const userinfoSchema = schemaCheck({
  id: 'userinfo.schema',
  ref: OPENID.userinfoResponse,
  title: 'The userinfo response is a JSON object with sub and typed standard claims.',
  schema: UserInfo,
});

export const deviceCodeSchema = schemaCheck({
  id: 'device_code.schema',
  ref: rfc(8628, '3.2'),
  title: 'The device authorization response has device_code, user_code, verification_uri and integer expires_in.',
  schema: DeviceCodeResponse,
});

export const bcAuthorizeSchema = schemaCheck({
  id: 'bc_authorize.schema',
  ref: OPENID.cibaAuthenticationResponse,
  title: 'The backchannel authentication response has auth_req_id and integer expires_in.',
  schema: BackchannelAuthorizeResponse,
});

export const parSchema = schemaCheck({
  id: 'par.schema',
  ref: rfc(9126, '2.2'),
  title: 'The pushed authorization response has a request_uri URN and a positive expires_in.',
  schema: PushedAuthorizationResponse,
});

export const mfaChallengeSchema = schemaCheck({
  id: 'mfa_challenge.schema',
  ref: AUTH0.mfaChallenge,
  title: 'The MFA challenge response is an otp challenge, or an oob challenge with oob_code.',
  schema: MfaChallengeResponse,
});

export const mfaAssociateSchema = schemaCheck({
  id: 'mfa_associate.schema',
  ref: AUTH0.mfaAssociate,
  title: 'The MFA association response is an otp enrolment with secret and otpauth URI, or an oob enrolment.',
  schema: MfaAssociateResponse,
});

export const mfaAuthenticatorsSchema = schemaCheck({
  id: 'mfa_authenticators.schema',
  ref: AUTH0.mfaAuthenticators,
  title: 'The authenticator list is an array of {id, authenticator_type, active}.',
  schema: MfaAuthenticatorList,
});

export const signupSchema = schemaCheck({
  id: 'signup.schema',
  ref: AUTH0.signup,
  title: "The signup response has the new user's _id.",
  schema: SignupResponse,
});

export const passwordlessStartSchema = schemaCheck({
  id: 'passwordless_start.schema',
  ref: AUTH0.passwordlessStart,
  title: 'The passwordless start response has _id and the email or phone number the code went to.',
  schema: PasswordlessStartResponse,
});

export const registrationSchema = schemaCheck({
  id: 'registration.schema',
  ref: rfc(7591, '3.2.1'),
  title: 'The registration response has client_id and the registered redirect_uris.',
  schema: ClientRegistrationResponse,
});

export const changePasswordConfirmation = defineCheck<Exchange>({
  id: 'change_password.body.is_confirmation_sentence',
  ref: AUTH0.changePassword,
  severity: 'failure',
  title: 'The change-password response is a confirmation sentence, as a JSON string or plain text.',
  run: ({ response }) =>
    expectThat(
      changePasswordSentence(response.body) !== undefined,
      () => `expected a confirmation sentence, got ${describeValue(response.body)}`,
    ),
});
