import { closestKey } from './unknown-fields.ts';

// The harness configuration from environment variables, for CI secrets stores: each variable sets
// one field, over whatever the --config file says. The table is also how a problem with a field is
// explained: its fix names the variable that sets it. The AUTH0_HARNESS_ prefix belongs to this
// table, so a variable under it that the table lacks is a typo.

const PREFIX = 'AUTH0_HARNESS_';

// Per client, the fields it has beyond its id (lib/k6-and-node/harness-config.ts): a public client has no secret.
const CLIENT_FIELDS = {
  none: ['REDIRECT_URI'],
  client_secret_post: ['CLIENT_SECRET', 'REDIRECT_URI'],
  client_secret_basic: ['CLIENT_SECRET', 'REDIRECT_URI'],
  private_key_jwt: ['REDIRECT_URI'],
  tls_client_auth: ['REDIRECT_URI'],
  mtls_handshake: ['REDIRECT_URI'],
  device: [],
  ciba: ['CLIENT_SECRET'],
  legacy: ['REDIRECT_URI'],
} as const;
const CLIENT_FIELD_PATH = { CLIENT_SECRET: 'clientSecret', REDIRECT_URI: 'redirectUri' } as const;
const USER_KEYS = ['plain', 'mfa', 'blocked'] as const;

/** Environment variable → dotted field path of the configuration. */
const ENV_FIELDS: Record<string, string> = {
  [`${PREFIX}BASE_URL`]: 'baseUrl',
  [`${PREFIX}ISSUER`]: 'issuer',
  [`${PREFIX}AUDIENCE`]: 'audience',
  [`${PREFIX}CNAME_API_KEY`]: 'customDomainApiKey',
  [`${PREFIX}DATABASE_CONNECTION`]: 'connections.database',
  ...Object.fromEntries(
    Object.entries(CLIENT_FIELDS).flatMap(([c, fields]) => {
      const v = `${PREFIX}${c.toUpperCase()}`;
      return [
        [`${v}_CLIENT_ID`, `clients.${c}.clientId`],
        ...fields.map((f) => [`${v}_${f}`, `clients.${c}.${CLIENT_FIELD_PATH[f]}`]),
      ];
    }),
  ),
  [`${PREFIX}PRIVATE_KEY_JWT_KEY_FILE`]: 'clients.private_key_jwt.privateKeyFile',
  [`${PREFIX}PRIVATE_KEY_JWT_ALG`]: 'clients.private_key_jwt.alg',
  [`${PREFIX}PRIVATE_KEY_JWT_KID`]: 'clients.private_key_jwt.kid',
  [`${PREFIX}TLS_CLIENT_AUTH_CERT_FILE`]: 'clients.tls_client_auth.certificateFile',
  [`${PREFIX}TLS_CLIENT_AUTH_CA_VERIFIED`]: 'clients.tls_client_auth.caVerified',
  [`${PREFIX}MTLS_HANDSHAKE_CERT_FILE`]: 'clients.mtls_handshake.certificateFile',
  [`${PREFIX}MTLS_HANDSHAKE_KEY_FILE`]: 'clients.mtls_handshake.privateKeyFile',
  [`${PREFIX}MTLS_HANDSHAKE_KEY_PASSWORD`]: 'clients.mtls_handshake.privateKeyPassword',
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

/** True when the environment carries any harness configuration (a misspelt variable included). */
export const hasEnvConfig = (env: NodeJS.ProcessEnv): boolean =>
  Object.keys(env).some((name) => name.startsWith(PREFIX) && Boolean(env[name]));

/** An AUTH0_HARNESS_* variable the table does not know, with the one it most likely meant. */
export interface UnknownVariable {
  name: string;
  suggestion?: string;
}

export function unknownVariables(env: NodeJS.ProcessEnv): UnknownVariable[] {
  const known = Object.keys(ENV_FIELDS);
  return Object.keys(env)
    .filter((name) => name.startsWith(PREFIX) && !known.includes(name))
    .map((name) => ({ name, suggestion: closestKey(name, known) }));
}

/**
 * Writes every harness variable set in `env` into `config` (mutated) and returns which variable set
 * which field (dotted path → variable). An empty variable counts as unset, as a CI secret that is
 * not defined for a job arrives empty.
 */
export function applyEnv(config: Record<string, unknown>, env: NodeJS.ProcessEnv): Map<string, string> {
  const applied = new Map<string, string>();
  for (const [name, fieldPath] of Object.entries(ENV_FIELDS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    applied.set(fieldPath, name);
    const parts = fieldPath.split('.');
    let node = config;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return applied;
}
