/**
 * After a resync: calls in the durable registry that this bridge no longer follows and whose channel
 * is gone ended while no bridge was running at all (crash, deploy). Their streams get the CallHungUp
 * nobody wrote. The fact id is derived from the call alone, so a repeat (a second resync, a crash
 * half-way, two bridge instances) is a no-op in the store.
 */
import { streams } from '@hotline/contracts';
import type { EventStore } from '@hotline/event-store';
import { silentLogger, type Logger } from '@hotline/messaging';
import type { CallBook } from './call-book.js';
import type { CallRegistry, RegisteredCall } from './call-registry.js';
import type { FactWriter } from './fact-writer.js';
import { nameUuid } from './ids.js';

export const NODE_RESTARTED = 'MEDIA_NODE_RESTARTED';
export const LOST_CALL = 'MEDIA_NODE_LOST_CALL';

export interface OrphanDeps {
  readonly node: string;
  readonly registry: CallRegistry;
  readonly store: EventStore;
  readonly book: CallBook;
  readonly writer: FactWriter;
  readonly logger?: Logger;
}

export interface Snapshot {
  /** Channel uuids `show channels` listed. */
  readonly up: ReadonlySet<string>;
  readonly coreUuid: string;
  /** The resync job's time, used as the hang-up time (the real one is unknown). */
  readonly at: number;
}

/** Ends the registered calls that are gone; returns how many CallHungUp it wrote. */
export async function endOrphans(snap: Snapshot, deps: OrphanDeps): Promise<number> {
  const log = deps.logger ?? silentLogger;
  const entries = await deps.registry.list(deps.node);
  let ended = 0;
  for (const entry of entries) {
    const live = deps.book.get(entry.callId);
    if (live && !live.ended) continue;
    if (entry.coreUuid === snap.coreUuid && snap.up.has(entry.callId)) continue;
    if (!(await endOne(entry, snap, deps))) continue;
    ended++;
    log.warn({ callId: entry.callId }, 'call ended while no bridge was running');
  }
  // Calls followed now but missing from the registry (a crash between CallArrived and the put,
  // or adopted from a bridge that predates the registry) are registered so a later crash is covered.
  const known = new Set(entries.map((e) => e.callId));
  for (const call of deps.book.live()) {
    if (known.has(call.callId)) continue;
    const { callId, tenantId, coreUuid } = call;
    await deps.registry.put(deps.node, { callId, tenantId, coreUuid });
  }
  return ended;
}

async function endOne(entry: RegisteredCall, snap: Snapshot, deps: OrphanDeps): Promise<boolean> {
  const { callId, tenantId } = entry;
  // This bridge may itself just have ended the call (resync, a live hang-up): let that write land.
  await deps.writer.settled(callId);
  const lastFact = async () =>
    (await deps.store.readStream(streams.call(callId), { direction: 'backwards', limit: 1 }))[0];
  const last = await lastFact();
  let wrote = false;
  if (last && last.type !== 'CallHungUp') {
    const cause = entry.coreUuid === snap.coreUuid ? LOST_CALL : NODE_RESTARTED;
    deps.writer.adopt(callId, last.streamRevision);
    await deps.writer.write(callId, tenantId, {
      id: nameUuid(`${callId}/registry-end/CallHungUp`),
      type: 'CallHungUp',
      data: { callId, cause, by: 'system', hungUpAt: new Date(snap.at).toISOString() },
      at: snap.at,
    });
    await deps.writer.forget(callId);
    // The writer logs and gives up after its retries; keep the entry so the next resync tries again.
    if ((await lastFact())?.type !== 'CallHungUp') return false;
    wrote = true;
  }
  // No stream at all (CallArrived was never stored) or already ended: only the entry is left over.
  await deps.registry.delete(deps.node, callId);
  return wrote;
}
