#!/usr/bin/env node
// The relay as a process: `node dist/main.js`, configured by the environment (see README.md).
import { isHotlineError } from '@hotline/contracts';
import { openEventStore, selectEventStoreBackend } from '@hotline/event-store/factory';
import { connectNats, drainNats } from '@hotline/messaging';
import { createLogger } from '@hotline/platform/logging';
import { parseRelayEnv, type RelayConfig } from './config.js';
import { startRelay } from './relay.js';

async function main(): Promise<number> {
  let config: RelayConfig;
  try {
    config = parseRelayEnv(process.env);
  } catch (error) {
    process.stderr.write(`${JSON.stringify(isHotlineError(error) ? error.toJSON() : String(error))}\n`);
    return 2;
  }
  // The platform logger: same line format as the services, secrets redacted, phone numbers masked.
  const logger = createLogger({ service: 'event-relay', level: config.logLevel });
  const nc = await connectNats({ servers: config.natsUrl, name: `event-relay-${config.instanceId}`, logger });
  const storeConfig = { databaseUrl: config.databaseUrl, eventStoreUrl: config.eventStoreUrl };
  logger.info({ backend: selectEventStoreBackend(storeConfig) }, 'opening the event store');
  const store = await openEventStore(storeConfig);
  const relay = startRelay({
    store,
    nc,
    instanceId: config.instanceId,
    streamName: config.streamName,
    subjectPrefix: config.subjectPrefix,
    leaseBucket: config.leaseBucket,
    leaseTtlMs: config.leaseTtlMs,
    maxInFlight: config.maxInFlight,
    logger,
    ...(config.checkpointBucket === undefined ? {} : { checkpointBucket: config.checkpointBucket }),
  });
  logger.info({ instanceId: config.instanceId, stream: config.streamName }, 'relay started');

  let exitCode = 0;
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (signal: string): Promise<void> => {
    shuttingDown ??= (async () => {
      logger.info({ signal }, 'relay shutting down');
      await relay.stop();
      await store.close();
      await drainNats(nc);
    })();
    return shuttingDown;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shutdown(signal));
  void nc.closed().then(() => {
    if (shuttingDown === undefined) {
      logger.error({}, 'nats connection closed for good');
      exitCode = 1;
      void shutdown('nats-closed');
    }
  });
  try {
    await relay.stopped;
  } catch {
    exitCode = 1; // logged by the relay
    await shutdown('relay-failed');
  }
  await shuttingDown;
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `relay failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
