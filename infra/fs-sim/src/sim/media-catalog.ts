/**
 * How long a prompt plays. The simulator has no audio: tone and silence streams get their length from
 * their spec, local_stream:// music plays until broken, files come from the scenario's table (or a
 * default length unless strict mode says unknown files are missing, as on a box without sound packages).
 */
export interface MediaConfig {
  /** Path → duration in ms. */
  readonly files?: Readonly<Record<string, number>>;
  readonly defaultFileMs?: number;
  /** When true, files not listed are FILE NOT FOUND. */
  readonly strictFiles?: boolean;
  /** local_stream:// names that exist (default: moh, default). */
  readonly localStreams?: readonly string[];
  /** TTS speed for speak. */
  readonly speakMsPerChar?: number;
}

/** 'forever' plays until uuid_break or hang-up. */
export type MediaLength =
  { readonly kind: 'ms'; readonly ms: number } | { readonly kind: 'forever' } | { readonly kind: 'missing' };

const FOREVER: MediaLength = { kind: 'forever' };

export class MediaCatalog {
  private config: Required<MediaConfig>;

  constructor(config: MediaConfig = {}) {
    this.config = {
      files: config.files ?? {},
      defaultFileMs: config.defaultFileMs ?? 3000,
      strictFiles: config.strictFiles ?? false,
      localStreams: config.localStreams ?? ['moh', 'default'],
      speakMsPerChar: config.speakMsPerChar ?? 80,
    };
  }

  update(config: MediaConfig): void {
    this.config = {
      ...this.config,
      ...Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)),
    };
  }

  lengthOf(path: string): MediaLength {
    if (path.startsWith('tone_stream://')) return toneLength(path.slice(14));
    if (path.startsWith('silence_stream://')) {
      const ms = Number.parseInt(path.slice(17), 10);
      return ms < 0 ? FOREVER : { kind: 'ms', ms: Number.isFinite(ms) ? ms : 0 };
    }
    if (path.startsWith('local_stream://')) {
      const name = path.slice(15).split(/[/?]/)[0] ?? '';
      return this.config.localStreams.includes(name) ? FOREVER : { kind: 'missing' };
    }
    if (path.startsWith('file_string://')) {
      let total = 0;
      for (const part of path.slice(14).split('!')) {
        const len = this.lengthOf(part);
        if (len.kind !== 'ms') return len;
        total += len.ms;
      }
      return { kind: 'ms', ms: total };
    }
    const known = this.config.files[path];
    if (known !== undefined) return { kind: 'ms', ms: known };
    if (this.config.strictFiles || path === '') return { kind: 'missing' };
    return { kind: 'ms', ms: this.config.defaultFileMs };
  }

  speakMs(text: string): number {
    return 200 + text.length * this.config.speakMsPerChar;
  }
}

/** tone_stream://%(on,off,freq...)...;loops=N — one pass is the sum of on+off; loops=-1 is endless. */
function toneLength(spec: string): MediaLength {
  let loops = 1;
  const loopMatch = /(?:^|;)\s*(?:loops|L)=(-?\d+)/.exec(spec);
  if (loopMatch?.[1] !== undefined) loops = Number.parseInt(loopMatch[1], 10);
  if (loops < 0) return FOREVER;
  let pass = 0;
  for (const m of spec.matchAll(/%\(\s*(\d+)\s*,\s*(\d+)/g)) pass += Number(m[1]) + Number(m[2]);
  if (pass === 0) pass = 1000;
  return { kind: 'ms', ms: pass * Math.max(1, loops) };
}
