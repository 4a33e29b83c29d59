import { tlsSettings } from './tls-settings.ts';

// k6 warns once a run that tlsAuth's `domains` do nothing (internal/js/runner.go); the engine adds the
// one way its choice of certificate can differ from k6's (tls-client.ts).
const DOMAINS_WARNING =
  "tlsAuth.domains option could be removed in the next releases, it's recommended to leave it empty and let k6 automatically detect from the provided certificate. It follows the Go's NameToCertificate deprecation - https://pkg.go.dev/crypto/tls@go1.17#Config.";
const SEVERAL_CERTIFICATES =
  'tlsAuth: the local engine presents the first certificate (tlsAuth[0]) to every server that asks for one; k6 presents the first one the server accepts, which differs when a server names CAs that tlsAuth[0] is not issued by';

/**
 * Checks the run's TLS options (throws ConfigError with k6's reason, for exit 104) and returns the
 * warnings they call for.
 */
export function tlsSettingsWarnings(options: Readonly<Record<string, unknown>>): string[] {
  const settings = tlsSettings(options);
  const warnings: string[] = [];
  if (settings.domainsGiven) warnings.push(DOMAINS_WARNING);
  if (settings.certificates.length > 1) warnings.push(SEVERAL_CERTIFICATES);
  return warnings;
}
