import { connect, type NatsConnection, type Status } from '@nats-io/transport-node';
import { silentLogger, type Logger } from './logger.js';

export interface ConnectNatsOptions {
  /** `nats://host:port`, or several for a cluster (comma-separated string or list). */
  servers: string | readonly string[];
  /** Shows up in the server's connection list (`nats server report connections`). */
  name: string;
  logger?: Logger;
}

function serverList(servers: string | readonly string[]): string[] {
  const list = typeof servers === 'string' ? servers.split(',') : [...servers];
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}

function logStatus(logger: Logger, name: string, status: Status): void {
  switch (status.type) {
    case 'disconnect':
      logger.warn({ nats: name, server: status.server }, 'nats disconnected');
      return;
    case 'reconnecting':
      logger.debug({ nats: name }, 'nats reconnecting');
      return;
    case 'reconnect':
      logger.info({ nats: name, server: status.server }, 'nats reconnected');
      return;
    case 'ldm':
      logger.warn({ nats: name, server: status.server }, 'nats server entering lame duck mode');
      return;
    case 'error':
      logger.error({ nats: name, err: status.error }, 'nats async error');
      return;
    case 'slowConsumer':
      logger.warn({ nats: name, subject: status.sub.getSubject(), pending: status.pending }, 'slow consumer');
      return;
    case 'staleConnection':
      logger.warn({ nats: name }, 'nats connection stale');
      return;
    case 'close':
      logger.info({ nats: name }, 'nats connection closed');
      return;
    case 'update':
    case 'ping':
    case 'forceReconnect':
      logger.debug({ nats: name, status: status.type }, 'nats status');
      return;
  }
}

/**
 * The process's one NATS connection. It never gives up: the first connect waits for a server,
 * and a lost connection is retried forever (subscriptions are restored by the client), because a
 * service without NATS cannot do anything useful and a supervisor restart would not help either.
 */
export async function connectNats(options: ConnectNatsOptions): Promise<NatsConnection> {
  const logger = options.logger ?? silentLogger;
  const nc = await connect({
    servers: serverList(options.servers),
    name: options.name,
    maxReconnectAttempts: -1,
    waitOnFirstConnect: true,
    reconnectTimeWait: 1000,
  });
  logger.info({ nats: options.name, server: nc.getServer() }, 'nats connected');
  void (async () => {
    for await (const status of nc.status()) logStatus(logger, options.name, status);
  })().catch((error: unknown) => logger.error({ err: error }, 'nats status watcher failed'));
  return nc;
}

/**
 * Graceful shutdown: stops new deliveries, lets in-flight handlers finish and flushes what was
 * published, then closes. Safe to call on an already closed connection.
 */
export async function drainNats(nc: NatsConnection): Promise<void> {
  if (nc.isClosed()) return;
  if (nc.isDraining()) {
    await nc.closed();
    return;
  }
  await nc.drain();
}
