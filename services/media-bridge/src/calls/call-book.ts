/** What the bridge remembers about each call it writes facts for (the caller's leg = the call id). */
import type { Party } from '@hotline/contracts';

export interface ActiveBridge {
  readonly agentId: string;
  readonly endpoint: string;
  readonly agentLegId: string;
  readonly bridgedAt: number;
}

export interface TrackedCall {
  readonly callId: string;
  readonly tenantId: string;
  readonly coreUuid: string;
  answered: boolean;
  /** Set by the bridge command so CHANNEL_BRIDGE can name the agent. */
  pendingAgent: { agentId: string; endpoint: string } | undefined;
  bridge: ActiveBridge | undefined;
  /** Who hung up first while bridged, for CallUnbridged.by. */
  firstHangup: Party | undefined;
  heldAt: number | undefined;
  /** The hold is FreeSWITCH's uuid_hold inside a bridge (resume = uuid_hold off), not park music. */
  heldInBridge: boolean;
  recordings: Map<string, { recordingId: string; startedAt: number }>;
  /** A hangup the bridge itself requested (hangup command): `by` is system. */
  hangupRequested: boolean;
  ended: boolean;
}

export class CallBook {
  private readonly calls = new Map<string, TrackedCall>();
  private readonly agentLegs = new Map<string, string>();

  add(
    call: Omit<
      TrackedCall,
      | 'answered'
      | 'pendingAgent'
      | 'bridge'
      | 'firstHangup'
      | 'heldAt'
      | 'heldInBridge'
      | 'recordings'
      | 'hangupRequested'
      | 'ended'
    >,
    answered = false,
  ): TrackedCall {
    const tracked: TrackedCall = {
      ...call,
      answered,
      pendingAgent: undefined,
      bridge: undefined,
      firstHangup: undefined,
      heldAt: undefined,
      heldInBridge: false,
      recordings: new Map(),
      hangupRequested: false,
      ended: false,
    };
    this.calls.set(call.callId, tracked);
    return tracked;
  }

  get(callId: string): TrackedCall | undefined {
    return this.calls.get(callId);
  }

  /** The live call `uuid` belongs to: its own leg, or the agent leg bridged to it. */
  byLeg(uuid: string): TrackedCall | undefined {
    return this.calls.get(uuid) ?? this.calls.get(this.agentLegs.get(uuid) ?? '');
  }

  linkAgentLeg(agentLeg: string, callId: string): void {
    this.agentLegs.set(agentLeg, callId);
  }

  unlinkAgentLeg(agentLeg: string): void {
    this.agentLegs.delete(agentLeg);
  }

  remove(callId: string): void {
    const call = this.calls.get(callId);
    if (call?.bridge) this.agentLegs.delete(call.bridge.agentLegId);
    this.calls.delete(callId);
  }

  live(): TrackedCall[] {
    return [...this.calls.values()].filter((c) => !c.ended);
  }
}
