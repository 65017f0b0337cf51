/**
 * A raw ESL client for tests: sends commands byte-exact and keeps every frame it receives, so tests can
 * assert on framing, reply texts and event order.
 */
import { connect, type Socket } from 'node:net';
import { FrameReader, header, orderedJson, type Frame } from './frames.js';

export interface ReceivedEvent {
  readonly name: string;
  readonly headers: [string, string | string[]][];
  get(name: string): string | undefined;
}

function toEvent(frame: Frame): ReceivedEvent | undefined {
  if (header(frame, 'Content-Type') !== 'text/event-json' || frame.body === undefined) return undefined;
  const headers = orderedJson(frame.body);
  const get = (n: string): string | undefined => {
    const v = headers.find(([k]) => k === n)?.[1];
    return Array.isArray(v) ? v.join('|') : v;
  };
  return { name: get('Event-Name') ?? '', headers, get };
}

export class EslTestClient {
  readonly frames: Frame[] = [];
  private readonly reader = new FrameReader();
  private waiters: (() => void)[] = [];
  private closedFlag = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.frames.push(...this.reader.push(chunk));
      this.poke();
    });
    // A reset by the simulator (fault tests) shows up as 'close'; the error itself is expected.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closedFlag = true;
      this.poke();
    });
  }

  static connect(port: number): Promise<EslTestClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new EslTestClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Connects, authenticates and subscribes with `event json ALL`. */
  static async ready(port: number, password: string, subscribe = 'event json ALL'): Promise<EslTestClient> {
    const client = await EslTestClient.connect(port);
    await client.waitFor((f) => header(f, 'Content-Type') === 'auth/request');
    await client.command(`auth ${password}`);
    if (subscribe) await client.command(subscribe);
    return client;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  send(text: string): void {
    this.socket.write(text);
  }

  /** Sends one command (plus headers) and resolves with its command/reply or api/response frame. */
  async command(line: string, headers: Record<string, string> = {}): Promise<Frame> {
    const from = this.frames.length;
    let text = `${line}\n`;
    for (const [k, v] of Object.entries(headers)) text += `${k}: ${v}\n`;
    this.send(`${text}\n`);
    return this.waitFor((f) => {
      const ct = header(f, 'Content-Type');
      return ct === 'command/reply' || ct === 'api/response';
    }, from);
  }

  events(): ReceivedEvent[] {
    return this.frames.map(toEvent).filter((e): e is ReceivedEvent => e !== undefined);
  }

  /** Waits (bounded by a real-time guard, not a sleep) for a frame matching `predicate` at index ≥ from. */
  waitFor(predicate: (f: Frame) => boolean, from = 0, guardMs = 5000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const guard = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error('timed out waiting for a frame'));
      }, guardMs);
      const check = (): void => {
        const hit = this.frames.slice(from).find(predicate);
        if (hit) {
          clearTimeout(guard);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve(hit);
        } else if (this.closedFlag) {
          clearTimeout(guard);
          this.waiters = this.waiters.filter((w) => w !== check);
          reject(new Error('connection closed'));
        }
      };
      this.waiters.push(check);
      check();
    });
  }

  waitForEvent(
    name: string,
    match: (e: ReceivedEvent) => boolean = () => true,
    from = 0,
  ): Promise<ReceivedEvent> {
    return this.waitFor((f) => {
      const e = toEvent(f);
      return e !== undefined && e.name === name && match(e);
    }, from).then((f) => toEvent(f) as ReceivedEvent);
  }

  waitClosed(guardMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closedFlag) return resolve();
      const guard = setTimeout(() => reject(new Error('still open')), guardMs);
      this.socket.once('close', () => {
        clearTimeout(guard);
        resolve();
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private poke(): void {
    for (const w of [...this.waiters]) w();
  }
}
