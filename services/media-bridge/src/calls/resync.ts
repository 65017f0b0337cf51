/**
 * After every (re)connect: compare the calls we track with `show channels as json`. A different
 * Core-UUID means FreeSWITCH restarted and every call of the old instance is gone
 * (MEDIA_NODE_RESTARTED); a call missing from the list ended while we were not listening
 * (MEDIA_NODE_LOST_CALL). Calls still up are kept. Last, the durable call registry ends the calls that
 * vanished while no bridge ran at all (`orphans.ts`).
 */
import { silentLogger, type Logger } from '@hotline/messaging';
import type { ChannelEvent } from '../esl/channel-event.js';
import type { EslClient } from '../esl/client.js';
import type { CallBook } from './call-book.js';
import type { CallTracker } from './call-tracker.js';
import type { FactWriter } from './fact-writer.js';
import { adoptCalls } from './adopt.js';
import type { EventStore } from '@hotline/event-store';
import type { CallRegistry } from './call-registry.js';
import { endOrphans, LOST_CALL, NODE_RESTARTED } from './orphans.js';

export { LOST_CALL, NODE_RESTARTED };

function uuidsOf(body: string): Set<string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const rows = 'rows' in parsed ? parsed.rows : [];
  if (!Array.isArray(rows)) return undefined;
  const out = new Set<string>();
  for (const row of rows) {
    const uuid: unknown =
      typeof row === 'object' && row !== null ? (row as { uuid?: unknown }).uuid : undefined;
    if (typeof uuid === 'string') out.add(uuid);
  }
  return out;
}

export interface ResyncDeps {
  readonly esl: EslClient;
  readonly book: CallBook;
  readonly tracker: CallTracker;
  readonly store: EventStore;
  readonly writer: FactWriter;
  readonly logger?: Logger;
  /** The durable registry and this node's name in it; without one, only `show channels` is used. */
  readonly registry?: { readonly calls: CallRegistry; readonly node: string };
}

export async function resync(deps: ResyncDeps): Promise<void> {
  const { esl, book, tracker } = deps;
  const logger = deps.logger ?? silentLogger;
  const job = await esl.bgapi('show channels as json');
  const up = uuidsOf(job.body);
  if (!up) {
    logger.warn({}, 'resync: show channels answer is not JSON; calls left as they are');
    return;
  }
  for (const call of book.live()) {
    const restarted = call.coreUuid !== job.coreUuid;
    if (!restarted && up.has(call.callId)) continue;
    const cause = restarted ? NODE_RESTARTED : LOST_CALL;
    logger.warn({ callId: call.callId, cause }, 'call ended while the media node was not reachable');
    // A synthetic event: the fact id derives from the resync job, stable for this resync.
    const e: ChannelEvent = { ...job, kind: 'other', name: 'RESYNC', sequence: job.sequence };
    tracker.end(call, { ...e, coreUuid: `${job.coreUuid}/${call.callId}` }, cause, 'system');
  }
  await adoptCalls(up, job.coreUuid, { store: deps.store, book, writer: deps.writer, logger });
  if (!deps.registry) return;
  // Calls that ended while no bridge ran are neither in the book nor listed: only the registry knows.
  const { calls, node } = deps.registry;
  const snap = { up, coreUuid: job.coreUuid, at: job.at };
  try {
    await endOrphans(snap, { node, registry: calls, store: deps.store, book, writer: deps.writer, logger });
  } catch (err) {
    // The live picture above is already right; the scan is retried on the next connect.
    logger.warn({ err }, 'resync: call registry scan failed; left-over calls are ended on the next connect');
  }
}
