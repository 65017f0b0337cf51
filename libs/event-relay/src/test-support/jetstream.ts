import { JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { RecordedEvent } from '@hotline/contracts';
import { decodeEvent, eventSubject } from '@hotline/messaging';

export interface Relayed {
  seq: number;
  subject: string;
  event: RecordedEvent;
}

/** Messages in the stream; 0 while the relay has not created it yet. */
export async function streamMessageCount(nc: NatsConnection, stream: string): Promise<number> {
  const jsm = await jetstreamManager(nc);
  try {
    return (await jsm.streams.info(stream)).state.messages;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return 0;
    throw error;
  }
}

/** Every message in the stream, in sequence order, decoded (which also checks headers vs body). */
export async function readRelayed(nc: NatsConnection, stream: string): Promise<Relayed[]> {
  const jsm = await jetstreamManager(nc);
  const { state } = await jsm.streams.info(stream);
  const out: Relayed[] = [];
  if (state.messages === 0) return out;
  const consumer = await jetstream(nc).consumers.get(stream);
  const messages = await consumer.consume();
  for await (const m of messages) {
    out.push({ seq: m.seq, subject: m.subject, event: decodeEvent(m) });
    if (m.seq >= state.last_seq) break;
  }
  await messages.close();
  return out;
}

/**
 * The relay's promise: every stored event exactly once, in the store's global order (so per
 * stream in revision order), on the subject built from tenant, category and type.
 */
export function relayProblems(
  stored: readonly RecordedEvent[],
  relayed: readonly Relayed[],
  prefix: string,
): string[] {
  const problems: string[] = [];
  const ids = relayed.map((r) => r.event.id);
  if (new Set(ids).size !== ids.length) problems.push(`duplicates: ${ids.length - new Set(ids).size}`);
  const storedIds = new Set(stored.map((e) => e.id));
  const missing = stored.filter((e) => !ids.includes(e.id)).length;
  if (missing > 0) problems.push(`missing: ${missing} of ${stored.length}`);
  const extra = ids.filter((id) => !storedIds.has(id)).length;
  if (extra > 0) problems.push(`not in the store: ${extra}`);
  const lastRevision = new Map<string, number>();
  for (const r of relayed) {
    const before = lastRevision.get(r.event.streamName) ?? -1;
    if (r.event.streamRevision <= before)
      problems.push(`${r.event.streamName}: revision ${r.event.streamRevision} after ${before}`);
    lastRevision.set(r.event.streamName, r.event.streamRevision);
    if (r.subject !== eventSubject(prefix, r.event)) problems.push(`seq ${r.seq}: subject ${r.subject}`);
  }
  const storedOrder = stored.map((e) => e.id).filter((id) => ids.includes(id));
  if (problems.length === 0 && storedOrder.join() !== ids.join()) problems.push('not in global order');
  return problems;
}
