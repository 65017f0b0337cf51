/**
 * One inbound ESL socket (listener_run): auth handshake, sequential command handling, event delivery
 * through the listener's subscription and filters, and the write side with its fault knobs (delay,
 * garbage). While an `api` command runs no event is written, as in mod_event_socket.
 */
import type { Socket } from 'node:net';
import type { TimerHandle } from '../clock/virtual-clock.js';
import type { Channel } from '../channel/channel.js';
import type { EventSink } from '../core/core.js';
import type { SimContext } from '../sim/context.js';
import { handleCommand } from './commands.js';
import type { EslEvent } from './event.js';
import { getHeader } from './event.js';
import { Filters } from './filters.js';
import { authRequestFrame, disconnectNoticeFrame, eventFrame, lingerNoticeFrame } from './frames.js';
import { PacketParser, type Packet } from './packet-parser.js';
import { Subscriptions } from './subscriptions.js';

/** mod_event_socket's MAX_QUEUE_LEN and MAX_MISSED. */
const MAX_QUEUE = 100_000;
const MAX_MISSED = 500;

export interface ConnectionOptions {
  readonly sim: SimContext;
  readonly password: string;
  /** Virtual ms every write is held back (slow consumer fault). */
  readonly writeDelayMs: () => number;
  readonly onClose: (conn: EslConnection) => void;
}

export class EslConnection implements EventSink {
  authed = false;
  readonly subscriptions = new Subscriptions();
  readonly filters = new Filters();
  /** A session bound with `myevents <uuid>`. */
  session: Channel | undefined;
  myEvents = false;
  lingerSeconds: number | undefined;
  /** `log <level>` accepted; the simulator has no log lines, so nothing is ever sent. */
  logging = false;
  private readonly parser = new PacketParser();
  private chain: Promise<void> = Promise.resolve();
  private holding = 0;
  private held: string[] = [];
  private delayed: (string | Buffer)[] = [];
  private endAfterFlush = false;
  private delayTimer: TimerHandle | undefined;
  private lost = 0;
  private closed = false;

  constructor(
    readonly socket: Socket,
    readonly options: ConnectionOptions,
  ) {}

  get sim(): SimContext {
    return this.options.sim;
  }

  start(): void {
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('close', () => this.finish());
    this.socket.on('error', () => this.finish());
    this.write(authRequestFrame());
  }

  deliver(event: EslEvent): void {
    if (this.closed || !this.authed || !this.subscriptions.wants(event) || !this.filters.passes(event))
      return;
    if (this.myEvents && this.session && getHeader(event, 'Unique-ID') !== this.session.uuid) return;
    const frame = eventFrame(event, this.subscriptions.format);
    if (this.holding > 0) {
      this.held.push(frame);
      return;
    }
    if (this.delayed.length >= MAX_QUEUE) {
      if (++this.lost > MAX_MISSED) this.destroy();
      return;
    }
    this.write(frame);
  }

  /** Runs `fn` with event output held back, then writes what it returns and the held events. */
  async withEventsHeld(fn: () => Promise<string>): Promise<void> {
    this.holding++;
    try {
      this.write(await fn());
    } finally {
      this.holding--;
      if (this.holding === 0) {
        const held = this.held;
        this.held = [];
        for (const frame of held) this.write(frame);
      }
    }
  }

  write(data: string | Buffer): void {
    if (this.closed) return;
    const delay = this.options.writeDelayMs();
    if (delay <= 0 && this.delayed.length === 0) {
      this.socket.write(data);
      return;
    }
    this.delayed.push(data);
    this.delayTimer ??= this.sim.clock.setTimeout(() => this.flushDelayed(), Math.max(0, delay));
  }

  /**
   * myevents <uuid>: the listener follows one session; when it hangs up the socket closes, or with
   * `linger` sends the linger notice and closes after the linger time (-1: when the client does).
   */
  bindSession(ch: Channel): void {
    this.session = ch;
    ch.listeners.add({
      onHangup: () =>
        this.sim.clock.defer(() => {
          if (this.closed) return;
          const linger = this.lingerSeconds;
          if (linger === undefined) {
            this.closeWithNotice();
            return;
          }
          this.write(lingerNoticeFrame(ch.uuid, ch.name, linger));
          if (linger >= 0) this.sim.clock.setTimeout(() => this.closeWithNotice(), linger * 1000);
        }),
    });
  }

  /** exit, bad auth, linger end: the goodbye notice then close. */
  closeWithNotice(): void {
    this.write(disconnectNoticeFrame(undefined, this.session?.uuid));
    this.end();
  }

  /** Drops the TCP connection without a word (fault injection, restart). */
  destroy(): void {
    if (this.closed) return;
    this.socket.destroy();
    this.finish();
  }

  private end(): void {
    if (this.delayed.length > 0) {
      this.endAfterFlush = true;
      return;
    }
    this.socket.end();
    this.finish();
  }

  private flushDelayed(): void {
    this.delayTimer = undefined;
    const pending = this.delayed;
    this.delayed = [];
    for (const frame of pending) this.socket.write(frame);
    if (this.endAfterFlush) {
      this.socket.end();
      this.finish();
    }
  }

  private onData(chunk: Buffer): void {
    let packets: Packet[];
    try {
      packets = this.parser.push(chunk);
    } catch {
      this.destroy();
      return;
    }
    for (const packet of packets) {
      this.chain = this.chain
        .then(() => (this.closed ? undefined : handleCommand(this, packet)))
        .catch((err: unknown) => {
          // A simulator bug must not wedge the socket silently: log it and drop the connection.
          this.sim.log.warn(`esl: command "${packet.command}" failed: ${String(err)}`);
          this.destroy();
        });
    }
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.sim.clock.clearTimeout(this.delayTimer);
    this.options.onClose(this);
  }

  /** Frames held back by the slow-consumer delay. */
  get pendingWrites(): number {
    return this.delayed.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
