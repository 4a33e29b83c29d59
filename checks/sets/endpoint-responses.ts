import { jsonContentType } from '../http/json-content-type.ts';
import { statusCheck } from '../http/status.ts';
import {
  bcAuthorizeSchema,
  changePasswordConfirmation,
  userinfoSchema,
  deviceCodeSchema,
  parSchema,
  passwordlessStartSchema,
  registrationSchema,
  mfaChallengeSchema,
  mfaAssociateSchema,
  mfaAuthenticatorsSchema,
  signupSchema,
} from './response-schemas.ts';

// What a successful answer of each back-channel endpoint must satisfy: status, type and schema.
export const endpointResponseChecks = {
  bcAuthorize: [statusCheck('bc_authorize', 200, 'CIBA-7.3, auth0-spec §1.2'), jsonContentType, bcAuthorizeSchema],
  deviceCode: [statusCheck('device_code', 200, 'RFC8628-3.2'), jsonContentType, deviceCodeSchema],
  // RFC 9126 §2.2 and auth0-spec §7 item 7: PAR answers 201 Created.
  par: [statusCheck('par', 201, 'RFC9126-2.2, auth0-spec §1.2, §7.7'), jsonContentType, parSchema],
  // Spec §7 item 8: the OAS says 200, RFC 7591 says 201; Auth0 tenants may give either.
  registrationAuth0: [
    statusCheck('registration', [200, 201], 'RFC7591-3.2.1, auth0-spec §7.8'),
    jsonContentType,
    registrationSchema,
  ],
  registrationOidc: [statusCheck('registration', 201, 'RFC7591-3.2.1'), jsonContentType, registrationSchema],
  signup: [statusCheck('signup', 200, 'auth0-spec §1.2, §8 item 14'), jsonContentType, signupSchema],
  changePassword: [statusCheck('change_password', 200, 'auth0-spec §1.2, §8 item 15'), changePasswordConfirmation],
  passwordlessStart: [
    statusCheck('passwordless_start', 200, 'auth0-spec §1.2, §8 item 16'),
    jsonContentType,
    passwordlessStartSchema,
  ],
  // RFC 7009 §2.2 and auth0-spec §3.9: revoking a token the server does not know is still 200.
  revokeUnknownToken: [statusCheck('revoke.unknown_token', 200, 'RFC7009-2.2, auth0-spec §3.9, §8 item 9')],
  revoke: [statusCheck('revoke', 200, 'RFC7009-2.2, auth0-spec §1.2, §8 item 9')],
  userinfo: [statusCheck('userinfo', 200, 'OIDCC-5.3.2'), jsonContentType, userinfoSchema],
  mfaAssociate: [
    statusCheck('mfa_associate', 200, 'auth0-spec §1.2 (/mfa/associate)'),
    jsonContentType,
    mfaAssociateSchema,
  ],
  mfaAuthenticators: [
    statusCheck('mfa_authenticators', 200, 'auth0-spec §1.2 (/mfa/authenticators)'),
    jsonContentType,
    mfaAuthenticatorsSchema,
  ],
  mfaChallenge: [
    statusCheck('mfa_challenge', 200, 'auth0-spec §1.2 (/mfa/challenge)'),
    jsonContentType,
    mfaChallengeSchema,
  ],
  samlMetadata: [statusCheck('saml_metadata', 200, 'auth0-spec §1.1')],
  wsfedMetadata: [statusCheck('wsfed_metadata', 200, 'auth0-spec §1.1')],
};
