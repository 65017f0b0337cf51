/**
 * The composition root: clock, core, directory, media, ESL server; the operations the control API and
 * the scenario runner drive (place a call, hang it up, press digits, endpoints) and the faults.
 */
import { VirtualClock, type ClockOptions } from './clock/virtual-clock.js';
import type { Channel } from './channel/channel.js';
import { FsCore } from './core/core.js';
import { startHeartbeat } from './core/heartbeat.js';
import { EslServer, type GarbageKind } from './esl/server.js';
import { attachCaller, callerHangup, type CallerScript } from './sim/caller.js';
import type { SimContext, SimLogger } from './sim/context.js';
import { Directory } from './sim/directory.js';
import { pressDigits } from './sim/dtmf.js';
import { placeInboundCall, type InboundCallSpec } from './sim/inbound-call.js';
import { MediaCatalog, type MediaConfig } from './sim/media-catalog.js';
import type { Scenario } from './sim/scenario.js';
import { resetSessionIds } from './sim/session-ids.js';
import type { TrafficConfig } from './traffic/config.js';
import { TrafficGenerator, type TrafficStats } from './traffic/generator.js';

export interface SimulatorOptions {
  readonly esl: { readonly host?: string; readonly port?: number; readonly password: string };
  readonly clock?: ClockOptions;
  readonly hostname?: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
  readonly domain?: string;
  readonly media?: MediaConfig;
  /** HEARTBEAT interval in virtual ms; 0 turns it off. */
  readonly heartbeatMs?: number;
  readonly logger?: SimLogger;
}

export type CallRequest = InboundCallSpec & CallerScript;

const quietLogger: SimLogger = { info: () => undefined, warn: () => undefined };

export class Simulator implements SimContext {
  readonly clock: VirtualClock;
  readonly core: FsCore;
  readonly directory: Directory;
  readonly media: MediaCatalog;
  readonly log: SimLogger;
  readonly esl: EslServer;
  private stopHeartbeat: () => void = () => undefined;
  private traffic: TrafficGenerator | undefined;
  private trafficConfig: TrafficConfig | undefined;
  private readonly heartbeatMs: number;

  private constructor(options: SimulatorOptions) {
    if (!options.esl.password) throw new Error('an ESL password is required');
    this.clock = new VirtualClock(options.clock ?? { mode: 'scaled', scale: 1 });
    this.core = new FsCore(this.clock, {
      hostname: options.hostname ?? 'fs-sim',
      ipv4: options.ipv4 ?? '127.0.0.1',
      ipv6: options.ipv6 ?? '::1',
    });
    this.directory = new Directory(options.domain ?? options.ipv4 ?? '127.0.0.1');
    this.media = new MediaCatalog(options.media);
    this.log = options.logger ?? quietLogger;
    this.heartbeatMs = options.heartbeatMs ?? 20_000;
    this.esl = new EslServer(this, {
      host: options.esl.host ?? '127.0.0.1',
      port: options.esl.port ?? 8021,
      password: options.esl.password,
    });
  }

  static async start(options: SimulatorOptions): Promise<Simulator> {
    const sim = new Simulator(options);
    await sim.esl.listen();
    sim.stopHeartbeat = startHeartbeat(sim.core, sim.heartbeatMs);
    return sim;
  }

  /** A caller dials a number; the script says what they press and when they give up. */
  placeCall(request: CallRequest): Channel {
    const ch = placeInboundCall(this, request);
    attachCaller(this, ch, request);
    return ch;
  }

  /** The caller hangs up (BYE, or CANCEL before answer). */
  callerHangup(uuid: string): boolean {
    const ch = this.core.findChannel(uuid);
    return ch ? callerHangup(ch) : false;
  }

  pressDigits(uuid: string, digits: string, interDigitMs = 300): boolean {
    const ch = this.core.findChannel(uuid);
    if (!ch?.isUp) return false;
    pressDigits(this, ch, digits, 0, interDigitMs);
    return true;
  }

  /** Applies a scenario: media, endpoints, scripted calls (at their virtual offsets), traffic settings. */
  loadScenario(scenario: Scenario): void {
    if (scenario.media) this.media.update(scenario.media);
    scenario.endpoints.forEach((e) => this.directory.upsert(e));
    for (const call of scenario.calls) {
      const { atMs, ...request } = call;
      this.clock.setTimeout(() => this.placeCall(request), atMs);
    }
    if (scenario.traffic) this.trafficConfig = scenario.traffic;
  }

  startTraffic(config?: TrafficConfig): TrafficStats {
    if (config) this.trafficConfig = config;
    if (!this.trafficConfig) throw new Error('no traffic configuration loaded');
    this.traffic?.stop();
    this.traffic = new TrafficGenerator(this.clock, this.trafficConfig, (call) => this.placeCall(call));
    this.traffic.start();
    return this.traffic.stats();
  }

  stopTraffic(): TrafficStats | undefined {
    this.traffic?.stop();
    return this.traffic?.stats();
  }

  trafficStats(): TrafficStats | undefined {
    return this.traffic?.stats();
  }

  get hasTrafficConfig(): boolean {
    return this.trafficConfig !== undefined;
  }

  channels(): Channel[] {
    return [...this.core.channels.values()].filter((c) => !c.vanished);
  }

  dropConnections(): number {
    return this.esl.dropConnections();
  }

  setSlowConsumer(delayMs: number): void {
    this.esl.setWriteDelay(delayMs);
  }

  sendMalformedFrame(kind: GarbageKind): number {
    return this.esl.sendGarbage(kind);
  }

  /**
   * FreeSWITCH restarts: connections drop, every call is gone without events, and a new Core-UUID
   * answers once the listener is back (after `downMs` of virtual time, default at once).
   */
  async restart(downMs = 0): Promise<void> {
    this.stopHeartbeat();
    await this.esl.close();
    this.core.restart();
    this.directory.clearCalls();
    resetSessionIds();
    const up = async (): Promise<void> => {
      await this.esl.listen();
      this.stopHeartbeat = startHeartbeat(this.core, this.heartbeatMs);
    };
    if (downMs <= 0) {
      await up();
      return;
    }
    this.clock.setTimeout(() => {
      up().catch((err: unknown) => this.log.warn(`restart: listen failed: ${String(err)}`));
    }, downMs);
  }

  async stop(): Promise<void> {
    this.traffic?.stop();
    this.stopHeartbeat();
    await this.esl.close();
    this.core.restart();
    this.clock.stop();
  }
}
