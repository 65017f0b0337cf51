/**
 * The Event Socket listener (default 127.0.0.1:8021) and the faults it can inject: dropping every
 * connection, holding writes back (slow consumer), writing garbage.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { SimContext } from '../sim/context.js';
import { EslConnection } from './connection.js';

export interface EslServerOptions {
  readonly host: string;
  readonly port: number;
  readonly password: string;
}

export type GarbageKind = 'garbage' | 'bad-content-length' | 'truncated';

export class EslServer {
  private server: Server | undefined;
  private readonly connections = new Set<EslConnection>();
  private writeDelayMs = 0;
  private address: { host: string; port: number } | undefined;

  constructor(
    private readonly sim: SimContext,
    private readonly options: EslServerOptions,
  ) {}

  async listen(): Promise<{ host: string; port: number }> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.address?.port ?? this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address();
    if (addr === null || typeof addr === 'string') throw new Error('ESL server has no TCP address');
    this.address = { host: addr.address, port: addr.port };
    return this.address;
  }

  /** Stops accepting and drops every connection. */
  async close(): Promise<void> {
    this.dropConnections();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get port(): number | undefined {
    return this.address?.port;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Frames held back by the slow-consumer delay, over all connections. */
  get pendingWrites(): number {
    return [...this.connections].reduce((n, c) => n + c.pendingWrites, 0);
  }

  dropConnections(): number {
    const n = this.connections.size;
    for (const conn of [...this.connections]) conn.destroy();
    return n;
  }

  setWriteDelay(ms: number): void {
    this.writeDelayMs = Math.max(0, ms);
  }

  get writeDelay(): number {
    return this.writeDelayMs;
  }

  /** Writes a broken frame to every authenticated connection. */
  sendGarbage(kind: GarbageKind): number {
    const frames: Record<GarbageKind, string> = {
      garbage: '\u0000\u00ff\u00feNOT-AN-ESL-FRAME: \u0007\n\n',
      'bad-content-length':
        'Content-Length: abc\nContent-Type: text/event-plain\n\nEvent-Name: HEARTBEAT\n\n',
      truncated: 'Content-Length: 4096\nContent-Type: text/event-json\n\n{"Event-Name":"HEART',
    };
    let n = 0;
    for (const conn of this.connections) {
      if (!conn.authed) continue;
      conn.write(kind === 'garbage' ? Buffer.from(frames.garbage, 'latin1') : frames[kind]);
      n++;
    }
    return n;
  }

  private accept(socket: Socket): void {
    const conn = new EslConnection(socket, {
      sim: this.sim,
      password: this.options.password,
      writeDelayMs: () => this.writeDelayMs,
      onClose: (c) => {
        this.connections.delete(c);
        this.sim.core.removeSink(c);
      },
    });
    this.connections.add(conn);
    this.sim.core.addSink(conn);
    conn.start();
  }
}
