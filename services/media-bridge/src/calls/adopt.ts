/**
 * After a bridge restart, calls that are still up on FreeSWITCH and already have a `call-` stream
 * are taken over: the stream says the tenant and whether the call was answered or has ended, and
 * its last revision is where this writer continues. Channels without a stream (agent legs, calls
 * that are not Hotline's) are left alone.
 */
import { streams } from '@hotline/contracts';
import type { EventStore } from '@hotline/event-store';
import { silentLogger, type Logger } from '@hotline/messaging';
import type { CallBook } from './call-book.js';
import type { FactWriter } from './fact-writer.js';

export async function adoptCalls(
  uuids: Iterable<string>,
  coreUuid: string,
  deps: { store: EventStore; book: CallBook; writer: FactWriter; logger?: Logger },
): Promise<number> {
  const log = deps.logger ?? silentLogger;
  let adopted = 0;
  for (const uuid of uuids) {
    if (deps.book.get(uuid)) continue;
    const facts = await deps.store.readStream(streams.call(uuid));
    // A live event may have started tracking it while we read: the live picture wins.
    if (deps.book.get(uuid)) continue;
    const first = facts[0];
    const last = facts.at(-1);
    if (!first || !last || first.type !== 'CallArrived' || facts.some((f) => f.type === 'CallHungUp'))
      continue;
    const call = deps.book.add(
      { callId: uuid, tenantId: first.metadata.tenantId, coreUuid },
      facts.some((f) => f.type === 'CallAnswered'),
    );
    deps.writer.adopt(call.callId, last.streamRevision);
    log.info({ callId: uuid, revision: last.streamRevision }, 'call adopted from its stream after a restart');
    adopted++;
  }
  return adopted;
}
