import net from 'node:net';
import type { ConnectionOptions, SecureContext } from 'node:tls';
import { loadTls } from './tls-module.ts';
import { tlsSettings, versionsUnsatisfiable, type TlsSettings } from './tls-settings.ts';
import { refusedToSend, type TransportError } from './transport-error.ts';

/**
 * How one thread's connections make TLS connections for a run: k6's tls.Config, built once from the
 * run's settings (one secure context for every connection, as Go shares one config).
 *
 * Which certificate is presented: k6 puts every tlsAuth certificate in Go's `Certificates` and its
 * `domains` in `NameToCertificate`, a field Go reads only on servers (k6 issue 5153). So k6 sends a
 * certificate to any server that asks for one, whatever the host: the first whose key type and issuer
 * the server's request accepts, or none. Node gives no hook to see that request, so the engine offers
 * the first tlsAuth certificate; with a single certificate, which is how tlsAuth is used, that is
 * exactly what k6 sends.
 */
export class TlsClient {
  private context: SecureContext | undefined;
  /** Why no TLS connection can be made at all (tlsVersion with min above max), as Go fails each handshake. */
  readonly refusal: TransportError | undefined;

  constructor(readonly settings: TlsSettings) {
    this.refusal = versionsUnsatisfiable(settings)
      ? refusedToSend('tls: no supported versions satisfy MinVersion and MaxVersion')
      : undefined;
  }

  /** Options for tls.connect to `host`. */
  connectOptions(host: string, port: number): ConnectionOptions {
    return {
      host,
      port,
      // Go sends no SNI for an IP address (RFC 6066 §3).
      servername: net.isIP(host) ? undefined : host,
      rejectUnauthorized: !this.settings.insecure,
      ALPNProtocols: ['http/1.1'],
      secureContext: (this.context ??= this.createContext()),
    };
  }

  private createContext(): SecureContext {
    const { minVersion, maxVersion, ciphers, certificates } = this.settings;
    const presented = certificates[0];
    return loadTls().createSecureContext({
      minVersion,
      maxVersion,
      // Node's default list when tlsCipherSuites is not set; TLS 1.3's suites stay Node's, as they stay Go's.
      ciphers,
      cert: presented?.cert,
      key: presented?.key,
    });
  }
}

const clients = new WeakMap<object, TlsClient>();

/** The TLS client for a run's options (validated when the run started), one per thread. */
export function tlsClientFor(options: Readonly<Record<string, unknown>>): TlsClient {
  let client = clients.get(options);
  if (!client) clients.set(options, (client = new TlsClient(tlsSettings(options))));
  return client;
}
