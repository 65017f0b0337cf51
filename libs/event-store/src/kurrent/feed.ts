import type { KurrentClient } from './client.js';
import {
  logicalStreamName,
  toGlobalPosition,
  toReadPosition,
  toRecordedEvent,
  type FilterPlan,
} from './mapping.js';
import type { FeedConnection, FeedSource } from './resubscribe.js';

/**
 * A KurrentDB catch-up subscription to $all as a FeedSource: each (re)connection starts strictly
 * after the given checkpoint (KurrentDB subscriptions from a position are exclusive; `resubscribing`
 * discards anything at or before the checkpoint anyway). Records of other stores, other
 * applications and the system move the checkpoint without being delivered.
 */
export function kurrentFeed(client: KurrentClient, plan: FilterPlan, streamPrefix: string): FeedSource {
  return (after): FeedConnection => {
    const subscription = client.subscribeToAll({ fromPosition: toReadPosition(after), filter: plan.server });
    let closed = false;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const resolved of subscription) {
          const record = resolved.event;
          if (record?.position === undefined) continue;
          const stream = logicalStreamName(record.streamId, record.type, streamPrefix);
          const wanted = stream !== undefined && plan.accepts(stream, record.type);
          yield {
            position: toGlobalPosition(record.position),
            event: wanted ? toRecordedEvent(record, stream) : undefined,
          };
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        try {
          await subscription.unsubscribe();
        } catch {
          // A connection that never came up has nothing to cancel.
        } finally {
          // Ends a read still waiting on the stream even if the cancel did not reach the server.
          subscription.destroy();
        }
      },
    };
  };
}
