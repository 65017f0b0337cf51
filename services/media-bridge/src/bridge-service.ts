/**
 * The media bridge proper: the event store and one media node per configured FreeSWITCH. With no node
 * configured it does nothing and says so, so `npm start` on a laptop keeps a health-only service.
 */
import { eventRegistry } from '@hotline/contracts';
import { openEventStore } from '@hotline/event-store/factory';
import type { Logger } from '@hotline/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { startMediaNode, type FsNodeConfig, type RunningMediaNode } from './media-node.js';

export interface MediaBridgeOptions {
  readonly nodes: readonly FsNodeConfig[];
  readonly databaseUrl: string;
  readonly eventStoreUrl?: string;
  readonly nc: NatsConnection;
  readonly logger: Logger;
  readonly requestTimeoutMs?: number;
  readonly callsBucket?: string;
}

export interface MediaBridge {
  readonly nodes: readonly RunningMediaNode[];
  stop(): Promise<void>;
}

export async function startMediaBridge(options: MediaBridgeOptions): Promise<MediaBridge> {
  const { logger } = options;
  if (options.nodes.length === 0) {
    logger.warn({}, 'FS_NODES is not set: no FreeSWITCH node to bridge, serving health endpoints only');
    return { nodes: [], stop: () => Promise.resolve() };
  }
  const store = await openEventStore({
    databaseUrl: options.databaseUrl,
    ...(options.eventStoreUrl ? { eventStoreUrl: options.eventStoreUrl } : {}),
    registry: eventRegistry,
  });
  const nodes = options.nodes.map((node) => {
    logger.info({ node: node.name, host: node.host, port: node.port }, 'bridging FreeSWITCH node');
    return startMediaNode({
      node,
      store,
      nc: options.nc,
      logger,
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      ...(options.callsBucket ? { callsBucket: options.callsBucket } : {}),
    });
  });
  return {
    nodes,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
      await store.close();
    },
  };
}
