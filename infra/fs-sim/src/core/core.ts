/**
 * The simulated FreeSWITCH instance: identity (Core-UUID per instance and per restart), the event bus
 * every ESL listener hangs off, the channel table and session statistics.
 */
import { randomUUID } from 'node:crypto';
import type { VirtualClock } from '../clock/virtual-clock.js';
import type { EslEvent, Header } from '../esl/event.js';
import type { Channel } from '../channel/channel.js';
import { localDate, rfc822Date } from './uptime.js';

export interface Calling {
  readonly file: string;
  readonly func: string;
  readonly line: number;
}

export interface EventSpec {
  readonly name: string;
  readonly calling: Calling;
  readonly headers: readonly Header[];
  /** Headers that precede the prep headers (a re-fired PRIVATE_COMMAND keeps the client's first). */
  readonly pre?: readonly Header[];
  readonly subclass?: string;
  readonly body?: string;
}

export interface EventSink {
  deliver(event: EslEvent): void;
}

export interface Identity {
  readonly hostname: string;
  readonly ipv4: string;
  readonly ipv6: string;
}

export interface SessionStats {
  sinceStartup: number;
  peak: number;
  createdAt: number[];
}

export class FsCore {
  coreUuid = randomUUID();
  startedAt: number;
  readonly channels = new Map<string, Channel>();
  readonly stats: SessionStats = { sinceStartup: 0, peak: 0, createdAt: [] };
  private readonly sinks = new Set<EventSink>();
  private sequence = 0;

  constructor(
    readonly clock: VirtualClock,
    readonly identity: Identity,
  ) {
    this.startedAt = clock.now();
  }

  addSink(sink: EventSink): void {
    this.sinks.add(sink);
  }

  removeSink(sink: EventSink): void {
    this.sinks.delete(sink);
  }

  /** switch_event_prep_for_delivery + switch_event_fire: stamps the common headers and delivers. */
  fire(spec: EventSpec): EslEvent {
    const now = this.clock.now();
    const prep: Header[] = [
      ['Event-Name', spec.name],
      ['Core-UUID', this.coreUuid],
      ['FreeSWITCH-Hostname', this.identity.hostname],
      ['FreeSWITCH-Switchname', this.identity.hostname],
      ['FreeSWITCH-IPv4', this.identity.ipv4],
      ['FreeSWITCH-IPv6', this.identity.ipv6],
      ['Event-Date-Local', localDate(now)],
      ['Event-Date-GMT', rfc822Date(now)],
      ['Event-Date-Timestamp', String(Math.floor(now * 1000))],
      ['Event-Calling-File', spec.calling.file],
      ['Event-Calling-Function', spec.calling.func],
      ['Event-Calling-Line-Number', String(spec.calling.line)],
      ['Event-Sequence', String(++this.sequence)],
    ];
    // sendevent already carries the client's Event-Subclass header; created CUSTOM events get one here.
    const hasSubclass = [...(spec.pre ?? []), ...spec.headers].some(
      ([n]) => n.toLowerCase() === 'event-subclass',
    );
    if (spec.subclass !== undefined && !hasSubclass) prep.push(['Event-Subclass', spec.subclass]);
    const event: EslEvent = {
      name: spec.name,
      ...(spec.subclass !== undefined ? { subclass: spec.subclass } : {}),
      headers: [...(spec.pre ?? []), ...prep, ...spec.headers],
      ...(spec.body !== undefined ? { body: spec.body } : {}),
    };
    for (const sink of [...this.sinks]) sink.deliver(event);
    return event;
  }

  registerChannel(channel: Channel): void {
    this.channels.set(channel.uuid, channel);
    const now = this.clock.now();
    this.stats.sinceStartup++;
    this.stats.createdAt.push(now);
    this.stats.createdAt = this.stats.createdAt.filter((t) => now - t < 300_000);
    this.stats.peak = Math.max(this.stats.peak, this.channels.size);
  }

  unregisterChannel(channel: Channel): void {
    if (this.channels.get(channel.uuid) === channel) this.channels.delete(channel.uuid);
  }

  findChannel(uuid: string): Channel | undefined {
    const ch = this.channels.get(uuid.trim());
    return ch && !ch.vanished ? ch : undefined;
  }

  /** Sessions created in the last `ms` virtual milliseconds. */
  recentSessions(ms: number): number {
    const now = this.clock.now();
    return this.stats.createdAt.filter((t) => now - t < ms).length;
  }

  uptimeMicros(): number {
    return Math.floor((this.clock.now() - this.startedAt) * 1000);
  }

  /** A restart: new identity, sequence from zero, every channel gone without a single event. */
  restart(): void {
    for (const channel of [...this.channels.values()]) channel.vanish();
    this.channels.clear();
    this.coreUuid = randomUUID();
    this.sequence = 0;
    this.startedAt = this.clock.now();
    this.stats.sinceStartup = 0;
    this.stats.peak = 0;
    this.stats.createdAt = [];
  }
}
