/**
 * Poisson call arrivals per DID on the virtual clock, with sampled handle time, patience and IVR input.
 * Each DID draws from its own seeded stream, so a run with the same seed and the same clock is
 * reproducible call for call.
 */
import type { TimerHandle, VirtualClock } from '../clock/virtual-clock.js';
import type { CallRequest } from '../simulator.js';
import type { TrafficConfig } from './config.js';
import { exponential, sample, seededRng, weighted, type Rng } from './random.js';

export interface TrafficStats {
  readonly running: boolean;
  readonly placed: number;
  readonly perDid: Readonly<Record<string, number>>;
}

export class TrafficGenerator {
  private timers: TimerHandle[] = [];
  private placed = 0;
  private readonly perDid: Record<string, number> = {};
  private running = false;

  constructor(
    private readonly clock: VirtualClock,
    private readonly config: TrafficConfig,
    private readonly place: (call: CallRequest) => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.config.dids.forEach((did, index) => {
      if (did.callsPerHour <= 0) return;
      const rng = seededRng((this.config.seed * 7919 + index * 104729) >>> 0);
      const meanGapMs = 3_600_000 / did.callsPerHour;
      const next = (): void => {
        const timer = this.clock.setTimeout(
          () => {
            this.timers = this.timers.filter((t) => t !== timer);
            this.arrive(rng, did.did, did.callerPrefix);
            if (this.running) next();
          },
          exponential(rng, meanGapMs),
        );
        this.timers.push(timer);
      };
      next();
    });
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers = [];
  }

  stats(): TrafficStats {
    return { running: this.running, placed: this.placed, perDid: { ...this.perDid } };
  }

  private arrive(rng: Rng, did: string, prefix: string): void {
    const digits = Math.max(0, 11 - prefix.replace('+', '').length);
    const from = prefix + String(Math.floor(rng() * 10 ** digits)).padStart(digits, '0');
    const script = weighted(rng, this.config.inputs);
    this.placed++;
    this.perDid[did] = (this.perDid[did] ?? 0) + 1;
    this.place({
      from,
      to: did,
      talkMs: Math.round(sample(rng, this.config.handleTime)),
      patienceMs: Math.round(sample(rng, this.config.patience)),
      inputs: script?.inputs ?? [],
    });
  }
}
