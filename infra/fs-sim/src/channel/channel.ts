/**
 * One call leg (switch_core_session + switch_channel): states, variables, caller profile, the queue of
 * sendmsg messages and the hooks the simulated caller / endpoint behind it listen on.
 */
import { randomUUID } from 'node:crypto';
import type { FsCore } from '../core/core.js';
import type { Packet } from '../esl/packet-parser.js';
import type { SimContext } from '../sim/context.js';
import type { OpenPark } from './execute.js';
import { MediaControl } from './media.js';
import type { CallerProfile } from './profile.js';
import { CS, type AnswerState, type CallState, type ChannelState } from './states.js';
import { ChannelVars } from './vars.js';

export interface Codec {
  readonly name: string;
  readonly rate: number;
  readonly bitRate: number;
}

/** The other leg's caller profile as copied when the legs were joined (FreeSWITCH keeps a copy too). */
export interface OtherLeg {
  readonly type: 'originator' | 'originatee';
  readonly profile: CallerProfile;
}

export function otherLeg(type: OtherLeg['type'], of: Channel): OtherLeg {
  return { type, profile: structuredClone(of.profile) };
}

export interface ChannelInit {
  readonly uuid?: string;
  readonly name: string;
  readonly direction: 'inbound' | 'outbound';
  readonly profile: CallerProfile;
  readonly hitDialplan: boolean;
  readonly presenceId?: string;
}

export interface ChannelListener {
  onAnswer?(channel: Channel): void;
  onHangup?(channel: Channel, cause: string): void;
  onDigitsWanted?(channel: Channel): void;
  onBridged?(channel: Channel, other: Channel): void;
  onUnbridged?(channel: Channel): void;
  onDestroy?(channel: Channel): void;
}

export class Channel {
  readonly uuid: string;
  name: string;
  readonly direction: 'inbound' | 'outbound';
  state: ChannelState = CS.NEW;
  running: ChannelState = CS.NEW;
  callState: CallState = 'DOWN';
  answerState: AnswerState = 'ringing';
  hangupCause: string | undefined;
  readonly vars = new ChannelVars();
  profile: CallerProfile;
  /** CS_NEW events carry neither presence nor caller profile. */
  profileVisible = false;
  readonly hitDialplan: boolean;
  readonly presenceId: string | undefined;
  codec: Codec | undefined;
  other: OtherLeg | undefined;
  /** The leg this one is bridged to right now. */
  bridgedTo: Channel | undefined;
  readonly media: MediaControl;
  /** uuid_hold: the music the held channel hears until uuid_hold off (undefined when not held). */
  holdMusic: string | undefined;
  /** The parks running on this channel (dialplan park first); they complete when the leg leaves them. */
  readonly parks: OpenPark[] = [];
  /** Name of the last application run; `show channels` reports it. */
  lastApplication = '';
  lastApplicationData = '';
  readonly digitsDialed: string[] = [];
  readonly listeners = new Set<ChannelListener>();
  vanished = false;
  /** Set by transfer / uuid_transfer: the session leaves its parks and routes again. */
  pendingTransfer: ((sim: SimContext, ch: Channel) => Promise<void>) | undefined;
  /** Work that must finish between the application unwinding and CS_HANGUP (media bugs, recordings). */
  readonly teardownHooks: (() => void)[] = [];
  /** Resolves once CHANNEL_HANGUP_COMPLETE has fired (or the leg vanished). */
  readonly reported: Promise<void>;
  private markReported: () => void = () => undefined;
  private readonly messages: Packet[] = [];
  private messageWaiter: (() => void) | undefined;

  constructor(
    readonly core: FsCore,
    init: ChannelInit,
  ) {
    this.uuid = init.uuid ?? randomUUID();
    this.name = init.name;
    this.direction = init.direction;
    this.profile = init.profile;
    this.hitDialplan = init.hitDialplan;
    this.presenceId = init.presenceId;
    this.media = new MediaControl(core.clock);
    this.reported = new Promise((resolve) => (this.markReported = resolve));
  }

  setReported(): void {
    this.markReported();
  }

  get isUp(): boolean {
    return this.state < CS.HANGUP && !this.vanished;
  }

  get answered(): boolean {
    return this.profile.times.answered > 0;
  }

  get callUuid(): string {
    return this.vars.get('call_uuid') ?? this.uuid;
  }

  /** sendmsg: queued for the session to run in order. */
  enqueue(packet: Packet): void {
    this.messages.push(packet);
    this.wake();
  }

  /** uuid_break all: drops what has not started yet. */
  flushMessages(): void {
    this.messages.length = 0;
  }

  /** Next queued message, or undefined once the channel is down or being transferred. */
  async nextMessage(): Promise<Packet | undefined> {
    for (;;) {
      if (!this.isUp || this.pendingTransfer) return undefined;
      const next = this.messages.shift();
      if (next) return next;
      await new Promise<void>((resolve) => (this.messageWaiter = resolve));
    }
  }

  requestTransfer(route: (sim: SimContext, ch: Channel) => Promise<void>): void {
    this.pendingTransfer = route;
    this.media.interrupt();
    this.wake();
  }

  beforeTeardown(): Promise<void> {
    for (const hook of this.teardownHooks.splice(0)) hook();
    return Promise.resolve();
  }

  notify(fn: (l: ChannelListener) => void): void {
    for (const l of [...this.listeners]) fn(l);
  }

  /** The silent end used by a simulated restart: no events, every wait unblocked. */
  vanish(): void {
    this.vanished = true;
    this.markReported();
    this.media.hangup();
    this.wake();
  }

  wake(): void {
    const w = this.messageWaiter;
    this.messageWaiter = undefined;
    w?.();
  }
}
