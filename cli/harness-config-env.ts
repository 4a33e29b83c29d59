// The harness configuration from environment variables, for CI secrets stores: each variable sets
// one field, over whatever the --config file says. The table is also how a problem with a field is
// explained: its fix names the variable that sets it.

const PREFIX = 'AUTH0_HARNESS_';

const CLIENT_KEYS = [
  'none',
  'client_secret_post',
  'client_secret_basic',
  'private_key_jwt',
  'tls_client_auth',
  'device',
  'ciba',
  'legacy',
] as const;
const USER_KEYS = ['plain', 'mfa', 'blocked'] as const;

/** Environment variable → dotted field path of the configuration. */
export const ENV_FIELDS: Record<string, string> = {
  [`${PREFIX}BASE_URL`]: 'baseUrl',
  [`${PREFIX}ISSUER`]: 'issuer',
  [`${PREFIX}AUDIENCE`]: 'audience',
  [`${PREFIX}CNAME_API_KEY`]: 'customDomainApiKey',
  [`${PREFIX}DATABASE_CONNECTION`]: 'connections.database',
  ...Object.fromEntries(
    CLIENT_KEYS.flatMap((c) => {
      const v = `${PREFIX}${c.toUpperCase()}`;
      return [
        [`${v}_CLIENT_ID`, `clients.${c}.clientId`],
        [`${v}_CLIENT_SECRET`, `clients.${c}.clientSecret`],
        [`${v}_REDIRECT_URI`, `clients.${c}.redirectUri`],
      ];
    }),
  ),
  [`${PREFIX}PRIVATE_KEY_JWT_KEY_FILE`]: 'clients.private_key_jwt.privateKeyFile',
  [`${PREFIX}PRIVATE_KEY_JWT_ALG`]: 'clients.private_key_jwt.alg',
  [`${PREFIX}PRIVATE_KEY_JWT_KID`]: 'clients.private_key_jwt.kid',
  [`${PREFIX}TLS_CLIENT_AUTH_CERT_FILE`]: 'clients.tls_client_auth.certificateFile',
  [`${PREFIX}TLS_CLIENT_AUTH_CA_VERIFIED`]: 'clients.tls_client_auth.caVerified',
  ...Object.fromEntries(
    USER_KEYS.flatMap((u) => {
      const v = `${PREFIX}USER_${u.toUpperCase()}`;
      return [
        [`${v}_USERNAME`, `users.${u}.username`],
        [`${v}_PASSWORD`, `users.${u}.password`],
        [`${v}_OTP_SECRET`, `users.${u}.otpSecret`],
      ];
    }),
  ),
};

/** The variable that sets a field, if one does. */
export function envVariableFor(fieldPath: string): string | undefined {
  return Object.keys(ENV_FIELDS).find((name) => ENV_FIELDS[name] === fieldPath);
}

/** True when the environment carries any harness configuration. */
export const hasEnvConfig = (env: NodeJS.ProcessEnv): boolean =>
  Object.keys(ENV_FIELDS).some((name) => env[name] !== undefined);

/** Writes every harness variable present in `env` into `config` (mutated and returned). */
export function applyEnv(config: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  for (const [name, fieldPath] of Object.entries(ENV_FIELDS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const parts = fieldPath.split('.');
    let node = config;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return config;
}
