import type { Connection, IdleConnections } from './connection.ts';
import { tlsClientFor, type TlsClient } from './tls-client.ts';

/**
 * Idle keep-alive connections by origin. The most recently used connection is taken first, so a
 * light load keeps few connections warm and lets the rest time out on the server.
 */
export class ConnectionPool implements IdleConnections {
  private readonly idle = new Map<string, Connection[]>();

  /** `run`: whose options say how to make TLS connections (read when one is made: a VU's init code has no options yet). */
  constructor(private readonly run: { readonly options: Readonly<Record<string, unknown>> }) {}

  get tls(): TlsClient {
    return tlsClientFor(this.run.options);
  }

  take(origin: string): Connection | undefined {
    const list = this.idle.get(origin);
    if (!list) return undefined;
    let connection = list.pop();
    while (connection && connection.closed) connection = list.pop();
    return connection;
  }

  put(connection: Connection): void {
    let list = this.idle.get(connection.origin);
    if (!list) {
      list = [];
      this.idle.set(connection.origin, list);
    }
    list.push(connection);
  }

  remove(connection: Connection): void {
    const list = this.idle.get(connection.origin);
    const at = list ? list.indexOf(connection) : -1;
    if (at >= 0) list!.splice(at, 1);
  }

  /** Closes the idle connections (k6's noVUConnectionReuse, between iterations). */
  closeIdle(): void {
    for (const list of this.idle.values()) for (const c of list.splice(0)) c.close();
  }
}
