import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { RemoteWriteConfig } from './prometheus-remote-write-config.ts';

// k6 gives each push 5 s (defaultTimeout in its remote-write config).
const TIMEOUT_MS = 5000;
// Enough of an error answer to say why (Prometheus explains a refused sample in its body).
const ERROR_BODY_CHARS = 300;

/** POSTs remote-write bodies to the configured endpoint over one kept-alive connection. */
export class RemoteWriteClient {
  private readonly agent: http.Agent;
  private readonly headers: Record<string, string>;

  constructor(private readonly config: RemoteWriteConfig) {
    const secure = config.serverUrl.protocol === 'https:';
    this.agent = secure
      ? new https.Agent({
          keepAlive: true,
          maxSockets: 1,
          rejectUnauthorized: !config.insecureSkipTlsVerify,
          minVersion: config.tlsMinVersion,
          cert: config.clientCertificate && readFileSync(config.clientCertificate.certFile),
          key: config.clientCertificate && readFileSync(config.clientCertificate.keyFile),
        })
      : new http.Agent({ keepAlive: true, maxSockets: 1 });
    const auth = config.basicAuth;
    this.headers = {
      ...config.headers,
      ...(auth
        ? { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` }
        : {}),
      // The protocol's own headers (remote-write 1.0), which no configured header may replace.
      'User-Agent': 'k6-prometheus-rw-output',
      'Content-Encoding': 'snappy',
      'Content-Type': 'application/x-protobuf',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
    };
  }

  /** Resolves once the endpoint answered 2xx; rejects with what went wrong otherwise. */
  store(body: Uint8Array): Promise<void> {
    const url = this.config.serverUrl;
    const send = url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          agent: this.agent,
          timeout: TIMEOUT_MS,
          headers: { ...this.headers, 'Content-Length': String(body.byteLength) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (text.length < ERROR_BODY_CHARS) text += chunk;
          });
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve();
            else
              reject(
                new Error(
                  `got status code: ${status} instead expected a 2xx successful status code${text ? ` (${text.trim().slice(0, ERROR_BODY_CHARS)})` : ''}`,
                ),
              );
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000}s`)));
      req.on('error', (error) => reject(new Error(`HTTP POST request failed: ${error.message}`)));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
