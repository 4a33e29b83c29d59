import type { SecureVersion } from 'node:tls';
import { ConfigError } from '../scenarios.ts';
import { cipherSuite } from './tls-cipher-suites.ts';
import { ClientKeyError, clientKeyPair } from './tls-client-key.ts';
import { loadTls } from './tls-module.ts';

// k6's TLS options (lib/options.go), read and checked as k6 reads them, with k6's texts for what it
// refuses: insecureSkipTLSVerify, tlsVersion ("tls1.2", or { min, max }), tlsCipherSuites (Go's names)
// and tlsAuth (client certificates). A refusal is a configuration error (exit 104), as in k6.

const VERSIONS: Record<string, SecureVersion> = {
  'tls1.0': 'TLSv1',
  'tls1.1': 'TLSv1.1',
  'tls1.2': 'TLSv1.2',
  'tls1.3': 'TLSv1.3',
};
const VERSION_ORDER: SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const TLS_AUTH_FIELDS = new Set(['domains', 'cert', 'key', 'password']);

interface ClientCertificate {
  /** PEM chain, leaf first. */
  cert: string;
  /** Unencrypted PEM key. */
  key: string;
}

/** A run's TLS client settings: plain data, so that every thread builds the same client from them. */
export interface TlsSettings {
  insecure: boolean;
  /** Undefined: Node's default, which is Go's (TLS 1.2 to 1.3). */
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** OpenSSL's list of the TLS 1.2 suites to offer; undefined: the default ones. */
  ciphers?: string;
  /** tlsAuth's certificates, in order. */
  certificates: ClientCertificate[];
  /** Some tlsAuth entry names domains, which k6 warns it does not use. */
  domainsGiven: boolean;
}

const describe = (value: unknown): string => JSON.stringify(value) ?? String(value);

function version(value: unknown, field: string): SecureVersion | undefined {
  if (typeof value !== 'string')
    throw new ConfigError(`${field}: expected a TLS version such as "tls1.2", got ${describe(value)}`);
  // k6 takes "" as "any version".
  if (value === '') return undefined;
  const known = VERSIONS[value];
  if (!known)
    throw new ConfigError(`${field}: unknown TLS version '${value}'; use one of ${Object.keys(VERSIONS).join(', ')}`);
  return known;
}

/** tlsVersion: one version for both ends, or { min, max }. */
function versions(value: unknown): { minVersion?: SecureVersion; maxVersion?: SecureVersion } {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') {
    const only = version(value, 'tlsVersion');
    return { minVersion: only, maxVersion: only };
  }
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ConfigError(`tlsVersion: expected "tls1.2" or { min: "tls1.2", max: "tls1.3" }, got ${describe(value)}`);
  const { min, max, ...unknown } = value as Record<string, unknown>;
  const extra = Object.keys(unknown)[0];
  if (extra !== undefined)
    throw new ConfigError(`tlsVersion: json: unknown field "${extra}"; tlsVersion takes min and max`);
  return {
    minVersion: min === undefined ? undefined : version(min, 'tlsVersion.min'),
    maxVersion: max === undefined ? undefined : version(max, 'tlsVersion.max'),
  };
}

/** tlsCipherSuites as OpenSSL's list of the TLS 1.2 suites; `tls13Only` when every name was a TLS 1.3 suite. */
function cipherList(value: unknown): { ciphers?: string; tls13Only: boolean } {
  if (value === undefined || value === null) return { tls13Only: false };
  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string'))
    throw new ConfigError(`tlsCipherSuites: expected a list of cipher suite names, got ${describe(value)}`);
  const offered = new Set(loadTls().getCiphers());
  const tls12: string[] = [];
  for (const name of value as string[]) {
    const suite = cipherSuite(name);
    if (!suite) throw new ConfigError(`tlsCipherSuites: unknown cipher suite '${name}'`);
    if (suite.tls13) continue;
    if (!offered.has(suite.openssl.toLowerCase()))
      throw new ConfigError(
        `tlsCipherSuites: ${name} is a suite k6 knows but this Node's OpenSSL does not offer; remove it, or run the script with k6`,
      );
    tls12.push(suite.openssl);
  }
  // k6 reads an empty list as no list at all (the default suites).
  if (value.length === 0) return { tls13Only: false };
  return tls12.length ? { ciphers: tls12.join(':'), tls13Only: false } : { tls13Only: true };
}

function clientCertificates(value: unknown): { certificates: ClientCertificate[]; domainsGiven: boolean } {
  if (value === undefined || value === null) return { certificates: [], domainsGiven: false };
  if (!Array.isArray(value))
    throw new ConfigError(`tlsAuth: expected a list of { cert, key } objects, got ${describe(value)}`);
  let domainsGiven = false;
  const certificates = value.map((entry, i): ClientCertificate => {
    const at = `tlsAuth[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new ConfigError(`${at}: expected an object with cert and key, got ${describe(entry)}`);
    const { cert, key, password, domains } = entry as Record<string, unknown>;
    const extra = Object.keys(entry).find((k) => !TLS_AUTH_FIELDS.has(k));
    if (extra !== undefined)
      throw new ConfigError(
        `${at}: json: unknown field "${extra}"; tlsAuth entries take domains, cert, key and password`,
      );
    if (domains !== undefined && domains !== null) {
      if (!Array.isArray(domains) || domains.some((d) => typeof d !== 'string'))
        throw new ConfigError(`${at}.domains: expected a list of host names, got ${describe(domains)}`);
      domainsGiven ||= domains.length > 0;
    }
    for (const [name, text] of [
      ['cert', cert],
      ['key', key],
    ] as const)
      if (typeof text !== 'string')
        throw new ConfigError(
          `${at}.${name}: expected a PEM string (open() the file in the init code), got ${describe(text)}`,
        );
    if (password !== undefined && password !== null && typeof password !== 'string')
      throw new ConfigError(`${at}.password: expected the key's password as a string`);
    try {
      return clientKeyPair(cert as string, key as string, (password ?? undefined) as string | undefined);
    } catch (error) {
      if (error instanceof ClientKeyError) throw new ConfigError(`${at}.${error.field}: ${error.message}`);
      throw error;
    }
  });
  return { certificates, domainsGiven };
}

/** The run's TLS settings from its consolidated options; throws ConfigError with k6's reason. */
export function tlsSettings(options: Readonly<Record<string, unknown>>): TlsSettings {
  const insecure = options.insecureSkipTLSVerify;
  if (insecure !== undefined && insecure !== null && typeof insecure !== 'boolean')
    throw new ConfigError(`insecureSkipTLSVerify: expected true or false, got ${describe(insecure)}`);
  const range = versions(options.tlsVersion);
  const { ciphers, tls13Only } = cipherList(options.tlsCipherSuites);
  // Go offers no TLS 1.2 suite when every one listed is a TLS 1.3 suite: only TLS 1.3 can be agreed.
  if (tls13Only && (range.minVersion === undefined || VERSION_ORDER.indexOf(range.minVersion) < 3))
    range.minVersion = 'TLSv1.3';
  return { insecure: insecure === true, ...range, ciphers, ...clientCertificates(options.tlsAuth) };
}

/** True when no version satisfies both ends of tlsVersion (Go then fails every TLS handshake). */
export function versionsUnsatisfiable(settings: TlsSettings): boolean {
  const { minVersion, maxVersion } = settings;
  return (
    minVersion !== undefined &&
    maxVersion !== undefined &&
    VERSION_ORDER.indexOf(minVersion) > VERSION_ORDER.indexOf(maxVersion)
  );
}
