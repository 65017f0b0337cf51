/**
 * One FreeSWITCH node: its ESL connection, the calls on it, the facts they produce and the commands
 * that drive them. On every (re)connect it resyncs before trusting its picture of the calls.
 */
import type { EventStore } from '@hotline/event-store';
import { silentLogger, type CommandServer, type Logger } from '@hotline/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { CallBook } from './calls/call-book.js';
import { NatsCallRegistry, type CallRegistry } from './calls/call-registry.js';
import { CallTracker } from './calls/call-tracker.js';
import { FactWriter } from './calls/fact-writer.js';
import { resync } from './calls/resync.js';
import type { MediaNode } from './commands/context.js';
import { serveMediaCommands } from './commands/serve.js';
import { EslClient } from './esl/client.js';

export interface FsNodeConfig {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly password: string;
}

export interface MediaNodeOptions {
  readonly node: FsNodeConfig;
  readonly store: EventStore;
  readonly nc: NatsConnection;
  readonly subjectPrefix?: string;
  readonly logger?: Logger;
  readonly requestTimeoutMs?: number;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** KV bucket of the durable call registry (default `hotline_media_calls`). */
  readonly callsBucket?: string;
}

export interface RunningMediaNode extends MediaNode {
  readonly writer: FactWriter;
  readonly registry: CallRegistry;
  /** How many resyncs have completed (tests wait on it). */
  readonly resyncs: () => number;
  stop(): Promise<void>;
}

export function startMediaNode(options: MediaNodeOptions): RunningMediaNode {
  const log = options.logger ?? silentLogger;
  const { name, host, port, password } = options.node;
  const esl = new EslClient({
    host,
    port,
    password,
    logger: log,
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  const book = new CallBook();
  const writer = new FactWriter(options.store, log);
  const registry = new NatsCallRegistry(options.nc, options.callsBucket, log);
  const tracker = new CallTracker(name, book, writer, log, registry);
  let resyncCount = 0;
  let stopping: Promise<void> | undefined;
  esl.onEvent((e) => tracker.handle(e));
  esl.onConnected(() => {
    const calls = { calls: registry, node: name };
    resync({ esl, book, tracker, store: options.store, writer, logger: log, registry: calls }).then(
      () => {
        resyncCount++;
      },
      (err: unknown) => log.warn({ err, node: name }, 'resync failed; it runs again on the next connect'),
    );
  });
  const node: MediaNode = { name, esl, book, tracker };
  const servers: CommandServer[] = serveMediaCommands(options.nc, node, {
    ...(options.subjectPrefix ? { subjectPrefix: options.subjectPrefix } : {}),
    logger: log,
  });
  esl.start();
  return {
    ...node,
    writer,
    registry,
    resyncs: () => resyncCount,
    stop() {
      // Idempotent: the service's shutdown and a test's cleanup may both call it.
      stopping ??= (async () => {
        await Promise.all(servers.map((srv) => srv.stop()));
        esl.stop();
        await writer.drain();
      })();
      return stopping;
    },
  };
}
