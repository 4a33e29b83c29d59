// The grant_type values the harness sends and the local tenant accepts, each named once: the flows
// (k6) and the tenant (Node) both read them from here. RFC 6749 names the first five; Auth0's own
// grants are URLs under http://auth0.com/oauth/grant-type/ (docs/auth0-api.md §1.3); the device, CIBA
// and JWT-bearer grants are URNs from RFC 8628, OpenID CIBA Core and RFC 7523.
export const GRANT_TYPE = {
  authorizationCode: 'authorization_code',
  implicit: 'implicit',
  refreshToken: 'refresh_token',
  clientCredentials: 'client_credentials',
  password: 'password',
  passwordRealm: 'http://auth0.com/oauth/grant-type/password-realm',
  passwordlessOtp: 'http://auth0.com/oauth/grant-type/passwordless/otp',
  mfaOtp: 'http://auth0.com/oauth/grant-type/mfa-otp',
  mfaOob: 'http://auth0.com/oauth/grant-type/mfa-oob',
  mfaRecoveryCode: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
  deviceCode: 'urn:ietf:params:oauth:grant-type:device_code',
  ciba: 'urn:openid:params:grant-type:ciba',
  jwtBearer: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
} as const;
