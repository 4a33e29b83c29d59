// The load flows by name (what --mix weighs and find-max steps), apart from their k6 code so the CLI
// can validate flags without loading k6 modules.
export const LOAD_FLOW_NAMES = [
  'client_credentials_post',
  'client_credentials_basic',
  'client_credentials_private_key_jwt',
  'client_credentials_mtls',
  'password_realm',
  'authorization_code_pkce',
  'refresh_rotation',
  'userinfo',
  'discovery_jwks',
  'signup',
  'passwordless_start',
] as const;

export type LoadFlowName = (typeof LOAD_FLOW_NAMES)[number];
