import { jsonContentType } from '../http/json-content-type.ts';
import { statusCheck } from '../http/status.ts';
import { AUTH0, OPENID, rfc } from '../references.ts';
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
  bcAuthorize: [
    statusCheck('bc_authorize.status.is_200', OPENID.cibaAuthenticationResponse),
    jsonContentType,
    bcAuthorizeSchema,
  ],
  deviceCode: [statusCheck('device_code.status.is_200', rfc(8628, '3.2')), jsonContentType, deviceCodeSchema],
  // RFC 9126 §2.2 and docs/auth0-api.md §7.7: PAR answers 201 Created.
  par: [statusCheck('par.status.is_201', rfc(9126, '2.2')), jsonContentType, parSchema],
  // The OAS says 200, RFC 7591 says 201; Auth0 tenants may give either (docs/auth0-api.md §7.8).
  registrationAuth0: [
    statusCheck('registration.status.is_200_or_201', AUTH0.dynamicRegistration),
    jsonContentType,
    registrationSchema,
  ],
  registrationOidc: [
    statusCheck('registration.status.is_201', rfc(7591, '3.2.1')),
    jsonContentType,
    registrationSchema,
  ],
  signup: [statusCheck('signup.status.is_200', AUTH0.signup), jsonContentType, signupSchema],
  changePassword: [statusCheck('change_password.status.is_200', AUTH0.changePassword), changePasswordConfirmation],
  passwordlessStart: [
    statusCheck('passwordless_start.status.is_200', AUTH0.passwordlessStart),
    jsonContentType,
    passwordlessStartSchema,
  ],
  // RFC 7009 §2.2 and docs/auth0-api.md §3.9: revoking a token the server does not know is still 200.
  revokeUnknownToken: [statusCheck('revoke.unknown_token.status.is_200', rfc(7009, '2.2'))],
  revoke: [statusCheck('revoke.status.is_200', rfc(7009, '2.2'))],
  userinfo: [statusCheck('userinfo.status.is_200', OPENID.userinfoResponse), jsonContentType, userinfoSchema],
  mfaAssociate: [statusCheck('mfa_associate.status.is_200', AUTH0.mfaAssociate), jsonContentType, mfaAssociateSchema],
  mfaAuthenticators: [
    statusCheck('mfa_authenticators.status.is_200', AUTH0.mfaAuthenticators),
    jsonContentType,
    mfaAuthenticatorsSchema,
  ],
  mfaChallenge: [statusCheck('mfa_challenge.status.is_200', AUTH0.mfaChallenge), jsonContentType, mfaChallengeSchema],
  samlMetadata: [statusCheck('saml_metadata.status.is_200', AUTH0.samlMetadata)],
  wsfedMetadata: [statusCheck('wsfed_metadata.status.is_200', AUTH0.wsfedMetadata)],
};
