/**
 * Turns one media node's channel events into call facts. A call is ours once its leg parks with a
 * tenant (the dialplan sets `hotline_tenant`); legs without one (agent legs, other traffic) are only
 * followed as the agent side of a bridge.
 */
import { isTenantId, type Party } from '@hotline/contracts';
import { silentLogger, type Logger } from '@hotline/messaging';
import type { ChannelEvent } from '../esl/channel-event.js';
import type { CallBook, TrackedCall } from './call-book.js';
import type { CallRegistry } from './call-registry.js';
import type { AnyCallFact, FactWriter } from './fact-writer.js';
import { nameUuid } from './ids.js';

export const TENANT_VARIABLE = 'hotline_tenant';

const iso = (ms: number): string => new Date(ms).toISOString();
const AGENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const CALLER_PARTIES: Readonly<Record<string, Party>> = {
  recv_bye: 'caller',
  recv_cancel: 'caller',
  recv_refuse: 'caller',
  send_bye: 'system',
  send_cancel: 'system',
  send_refuse: 'system',
};

type Leg = Extract<ChannelEvent, { uuid: string }>;

export class CallTracker {
  private readonly log: Logger;

  constructor(
    private readonly node: string,
    private readonly book: CallBook,
    private readonly writer: FactWriter,
    logger: Logger = silentLogger,
    private readonly registry?: CallRegistry,
  ) {
    this.log = logger;
  }

  handle(e: ChannelEvent): void {
    if (!('uuid' in e)) return;
    switch (e.kind) {
      case 'park':
        return this.parked(e);
      case 'answer': {
        const call = this.book.get(e.uuid);
        if (!call || call.answered) return;
        call.answered = true;
        return this.emit(call, e, {
          type: 'CallAnswered',
          data: { callId: call.callId, answeredAt: iso(e.at) },
        });
      }
      case 'bridge':
        return this.bridged(e);
      case 'unbridge':
        return this.unbridged(e, e.aLeg);
      case 'hangup':
        return this.hungUp(e);
      case 'record-start':
      case 'record-stop':
        return this.recording(e);
      case 'create':
      case 'destroy':
      case 'dtmf':
      case 'execute':
      case 'execute-complete':
      case 'hangup-complete':
      case 'playback-start':
      case 'playback-stop':
        // No fact of their own: CHANNEL_HANGUP already carries the cause, the rest is media detail.
        return;
    }
  }

  /** Writes a fact the bridge decided itself (hold/resume, resync endings), keyed by `key`. */
  emitOwn(call: TrackedCall, key: string, at: number, fact: Omit<AnyCallFact, 'id' | 'at'>): Promise<void> {
    const full = { ...fact, id: nameUuid(`${call.callId}/${key}/${fact.type}`), at } as AnyCallFact;
    return this.writer.write(call.callId, call.tenantId, full);
  }

  /** Keeps the durable registry in step; a failure is logged, the next resync reconciles it. */
  private registryOp(callId: string, op: (r: CallRegistry) => Promise<void>): void {
    const registry = this.registry;
    if (!registry) return;
    op(registry).catch((err: unknown) => this.log.warn({ err, callId }, 'call registry update failed'));
  }

  private emit(call: TrackedCall, e: ChannelEvent, fact: Omit<AnyCallFact, 'id' | 'at'>): void {
    void this.stored(call, e, fact);
  }

  /** Like emit, resolving once the fact is stored (or given up on, which the writer logs). */
  private stored(call: TrackedCall, e: ChannelEvent, fact: Omit<AnyCallFact, 'id' | 'at'>): Promise<void> {
    const id = nameUuid(`${e.coreUuid}/${e.sequence}/${fact.type}`);
    // The union of fact shapes is rebuilt with its id; TypeScript cannot narrow the spread itself.
    const full = { ...fact, id, at: e.at, causationId: `esl:${e.coreUuid}:${e.sequence}` } as AnyCallFact;
    return this.writer.write(call.callId, call.tenantId, full);
  }

  private parked(e: Leg): void {
    if (this.book.get(e.uuid)) return;
    const h = e.headers;
    const tenantId = h.get(`variable_${TENANT_VARIABLE}`);
    if (tenantId === undefined || !isTenantId(tenantId)) {
      this.log.warn({ callId: e.uuid }, 'parked call without a valid hotline_tenant: not tracked');
      return;
    }
    const call = this.book.add({ callId: e.uuid, tenantId, coreUuid: e.coreUuid });
    const callerName = h.get('Caller-Caller-ID-Name');
    const { callId, coreUuid } = call;
    const arrived = this.stored(call, e, {
      type: 'CallArrived',
      data: {
        callId: call.callId,
        tenantId,
        dialledNumber: h.get('Caller-Destination-Number') ?? 'unknown',
        callerNumber: (h.get('Caller-Caller-ID-Number') ?? '').slice(0, 64),
        ...(callerName ? { callerName: callerName.slice(0, 128) } : {}),
        mediaNode: this.node,
        arrivedAt: iso(e.at),
      },
    });
    // Registered only once the fact is stored: an entry always has a stream to end.
    void arrived.then(() => this.registryOp(callId, (r) => r.put(this.node, { callId, tenantId, coreUuid })));
  }

  private bridged(e: Extract<ChannelEvent, { aLeg: string }>): void {
    const call = this.book.get(e.aLeg);
    if (!call || call.bridge) return;
    const h = e.headers;
    const dialled = h.get('Other-Leg-Destination-Number') ?? h.get('Other-Leg-Caller-ID-Number') ?? '';
    const agentId = call.pendingAgent?.agentId ?? (AGENT_ID.test(dialled) ? dialled : 'unknown');
    const endpoint = call.pendingAgent?.endpoint ?? h.get('Other-Leg-Channel-Name') ?? e.bLeg;
    call.bridge = { agentId, endpoint, agentLegId: e.bLeg, bridgedAt: e.at };
    call.firstHangup = undefined;
    this.book.linkAgentLeg(e.bLeg, call.callId);
    this.emit(call, e, {
      type: 'CallBridged',
      data: { callId: call.callId, agentId, agentLegId: e.bLeg, endpoint, bridgedAt: iso(e.at) },
    });
  }

  unbridged(e: ChannelEvent, callId: string, by?: Party): void {
    const call = this.book.get(callId);
    const bridge = call?.bridge;
    if (!call || !bridge) return;
    call.bridge = undefined;
    call.pendingAgent = undefined;
    this.book.unlinkAgentLeg(bridge.agentLegId);
    this.emit(call, e, {
      type: 'CallUnbridged',
      data: {
        callId: call.callId,
        agentId: bridge.agentId,
        agentLegId: bridge.agentLegId,
        unbridgedAt: iso(e.at),
        bridgedMs: Math.max(0, e.at - bridge.bridgedAt),
        by: by ?? call.firstHangup ?? 'system',
      },
    });
  }

  private hungUp(e: Extract<ChannelEvent, { cause: string }>): void {
    const call = this.book.byLeg(e.uuid);
    if (!call || call.ended) return;
    if (e.uuid !== call.callId) {
      call.firstHangup ??= 'agent';
      return;
    }
    call.firstHangup ??= 'caller';
    if (call.bridge) this.unbridged(e, call.callId, call.firstHangup);
    const disposition = e.headers.get('variable_sip_hangup_disposition') ?? '';
    const by: Party = call.hangupRequested ? 'system' : (CALLER_PARTIES[disposition] ?? 'unknown');
    this.end(call, e, e.cause, by);
  }

  /** Ends the call: open recordings stop, CallHungUp is written, the call is forgotten. */
  end(call: TrackedCall, e: ChannelEvent, cause: string, by: Party): void {
    if (call.ended) return;
    if (call.bridge) this.unbridged(e, call.callId, 'system');
    call.ended = true;
    for (const path of [...call.recordings.keys()]) this.recordingStopped(call, e, path, 'hangup');
    const { callId } = call;
    const hungUp = this.stored(call, e, {
      type: 'CallHungUp',
      data: { callId, cause, by, hungUpAt: iso(e.at) },
    });
    // Unregistered only after CallHungUp is stored, so a crash in between leaves it for the next resync.
    void hungUp.then(() => this.registryOp(callId, (r) => r.delete(this.node, callId)));
    this.book.remove(call.callId);
    void this.writer.forget(call.callId);
  }

  private recording(e: Extract<ChannelEvent, { path: string }>): void {
    const call = this.book.get(e.uuid);
    if (!call || call.ended) return;
    if (e.kind === 'record-start') {
      const recordingId = nameUuid(`${call.callId}/recording/${e.path}/${e.at}`);
      call.recordings.set(e.path, { recordingId, startedAt: e.at });
      const data = { callId: call.callId, recordingId, path: e.path, startedAt: iso(e.at) };
      return this.emit(call, e, { type: 'CallRecordingStarted', data });
    }
    this.recordingStopped(call, e, e.path, 'requested');
  }

  /** CallRecordingStopped for an open recording of the call, which is then closed. */
  private recordingStopped(
    call: TrackedCall,
    e: ChannelEvent,
    path: string,
    reason: 'hangup' | 'requested',
  ): void {
    const rec = call.recordings.get(path);
    if (!rec) return;
    call.recordings.delete(path);
    this.emit(call, e, {
      type: 'CallRecordingStopped',
      data: {
        callId: call.callId,
        recordingId: rec.recordingId,
        path,
        stoppedAt: iso(e.at),
        durationMs: Math.max(0, e.at - rec.startedAt),
        reason,
      },
    });
  }
}
