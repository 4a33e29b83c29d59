import type { Connection, IdleConnections } from './connection.ts';

/**
 * Idle keep-alive connections by origin. The most recently used connection is taken first, so a
 * light load keeps few connections warm and lets the rest time out on the server.
 */
export class ConnectionPool implements IdleConnections {
  private readonly idle = new Map<string, Connection[]>();

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
