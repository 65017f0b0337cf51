/**
 * A typed inbound ESL client. Every request has a timeout, and no reply is ever matched by position
 * alone in a way that could shift: bgapi replies carry their Job-UUID and are checked against it,
 * results come from BACKGROUND_JOB (Job-UUID) and CHANNEL_EXECUTE_COMPLETE (Application-UUID), and a
 * missing or unexpected reply resets the connection instead of letting later replies shift (ESL.md B10).
 * Reconnects with capped exponential backoff and re-subscribes; `onConnected` runs after each subscribe.
 */
import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '@hotline/messaging';
import { toChannelEvent, type ChannelEvent } from './channel-event.js';
import { EslUnavailableError } from './errors.js';
import { parseEventBody } from './headers.js';
import { PendingResults } from './pending.js';
import { ReplyQueue } from './replies.js';
import { assertSingleLines, openWire, type Wire, type WireFrame } from './wire.js';

export interface EslClientOptions {
  readonly host: string;
  readonly port: number;
  readonly password: string;
  /** Event names for `event json …`; default ALL. */
  readonly events?: readonly string[];
  readonly requestTimeoutMs?: number;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  readonly logger?: Logger;
}

type ExecuteComplete = Extract<ChannelEvent, { kind: 'execute-complete' }>;

export type { ExecuteComplete };

export class EslClient {
  private wire: Wire | undefined;
  private state: 'idle' | 'connecting' | 'ready' | 'stopped' = 'idle';
  private readonly replies: ReplyQueue;
  private readonly jobs = new PendingResults<ChannelEvent>();
  private readonly executions = new PendingResults<ExecuteComplete>();
  private readonly eventListeners: ((e: ChannelEvent) => void)[] = [];
  private readonly connectedListeners: (() => void)[] = [];
  private readonly disconnectedListeners: (() => void)[] = [];
  private delayMs: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly log: Logger;
  readonly timeoutMs: number;

  constructor(private readonly options: EslClientOptions) {
    this.log = options.logger ?? silentLogger;
    this.timeoutMs = options.requestTimeoutMs ?? 5000;
    this.delayMs = options.backoff?.initialMs ?? 200;
    this.replies = new ReplyQueue(this.timeoutMs, (why) => {
      // The reply may still come; position-matched replies would shift, so drop the stream.
      this.log.warn({ why }, 'ESL replies out of step; resetting the connection');
      this.failAll(new EslUnavailableError(why));
      this.wire?.destroy();
    });
  }

  get connected(): boolean {
    return this.state === 'ready';
  }
  /** Returns the function that removes the listener again. */
  onEvent(fn: (e: ChannelEvent) => void): () => void {
    this.eventListeners.push(fn);
    return () => {
      const at = this.eventListeners.indexOf(fn);
      if (at !== -1) this.eventListeners.splice(at, 1);
    };
  }
  onConnected(fn: () => void): void {
    this.connectedListeners.push(fn);
  }
  onDisconnected(fn: () => void): void {
    this.disconnectedListeners.push(fn);
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.connect();
  }

  stop(): void {
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    this.wire?.destroy();
  }

  /** Runs `bgapi` and resolves with the BACKGROUND_JOB event (body = command output). */
  async bgapi(
    command: string,
    timeoutMs = this.timeoutMs,
  ): Promise<ChannelEvent & { kind: 'background-job' }> {
    const jobUuid = randomUUID();
    const done = this.jobs.wait(jobUuid, `bgapi ${command.split(' ')[0] ?? ''}`, timeoutMs);
    // If the request itself fails, nobody awaits `done`: its rejection must not go unhandled.
    done.catch(() => undefined);
    try {
      await this.request(`bgapi ${command}`, { 'Job-UUID': jobUuid }, jobUuid);
    } catch (err) {
      this.jobs.settle(jobUuid);
      throw err;
    }
    const event = await done;
    if (event.kind !== 'background-job') throw new EslUnavailableError('unexpected job result');
    return event;
  }

  /** `api` through bgapi: the output is correlated by Job-UUID, so a lost reply cannot shift others. */
  async api(command: string, timeoutMs = this.timeoutMs): Promise<string> {
    return (await this.bgapi(command, timeoutMs)).body;
  }

  /**
   * sendmsg execute with our Event-UUID; resolves once FreeSWITCH accepted it, with `done` = the
   * CHANNEL_EXECUTE_COMPLETE carrying it as Application-UUID (`timeoutMs` covers the app's run time).
   */
  async launch(
    uuid: string,
    app: string,
    arg: string | undefined,
    timeoutMs: number,
  ): Promise<{ done: Promise<ExecuteComplete> }> {
    const eventUuid = randomUUID();
    const headers: Record<string, string> = { 'call-command': 'execute', 'execute-app-name': app };
    if (arg !== undefined && arg !== '') headers['execute-app-arg'] = arg;
    headers['Event-UUID'] = eventUuid;
    const done = this.executions.wait(eventUuid, `execute ${app}`, timeoutMs);
    // Until the caller takes `done`, a failure of it must not count as unhandled.
    done.catch(() => undefined);
    try {
      await this.request(`sendmsg ${uuid}`, headers);
    } catch (err) {
      this.executions.settle(eventUuid);
      throw err;
    }
    return { done };
  }

  /** `start` and wait for the application to finish. */
  async execute(
    uuid: string,
    app: string,
    arg: string | undefined,
    timeoutMs: number,
  ): Promise<ExecuteComplete> {
    return (await this.launch(uuid, app, arg, timeoutMs)).done;
  }

  /** A plain command whose command/reply is the result (`+OK …` resolves, `-ERR …` rejects). */
  request(command: string, headers?: Record<string, string>, jobUuid?: string): Promise<string> {
    const wire = this.wire;
    if (this.state !== 'ready' || !wire) {
      return Promise.reject(
        new EslUnavailableError(`not connected to ${this.options.host}:${this.options.port}`),
      );
    }
    return this.sendRaw(wire, command, headers, jobUuid);
  }

  // async: a refused command becomes a rejection; everything before `return` still runs synchronously,
  // so the reply slot and the write stay in order.
  private async sendRaw(
    wire: Wire,
    command: string,
    headers?: Record<string, string>,
    jobUuid?: string,
  ): Promise<string> {
    // Checked before a reply slot is taken: a refused command must not shift later replies.
    assertSingleLines(command, headers);
    const reply = this.replies.expect(command.split(' ')[0] ?? command, jobUuid);
    wire.send(command, headers);
    return reply;
  }

  private connect(): void {
    this.state = 'connecting';
    const { host, port, password } = this.options;
    this.wire = openWire(host, port, password, {
      // Deferred so the auth reply frame itself is seen (and ignored) before we send anything.
      ready: () => setImmediate(() => this.subscribe()),
      authFailed: () => this.log.error({ host, port }, 'ESL authentication failed (check the password)'),
      frame: (f) => this.onFrame(f),
      closed: () => this.onClosed(),
    });
  }

  private subscribe(): void {
    const wire = this.wire;
    if (this.state !== 'connecting' || !wire) return;
    const names = (this.options.events ?? ['ALL']).join(' ');
    this.sendRaw(wire, `event json ${names}`).then(
      () => {
        this.state = 'ready';
        this.delayMs = this.options.backoff?.initialMs ?? 200;
        this.log.info({ host: this.options.host, port: this.options.port }, 'ESL connected and subscribed');
        for (const fn of this.connectedListeners) fn();
      },
      (err: unknown) => this.log.warn({ err }, 'ESL subscribe failed'),
    );
  }

  private onFrame(frame: WireFrame): void {
    if (this.state === 'idle' || this.state === 'stopped') return;
    const type = frame.contentType;
    if (type === 'command/reply' || type === 'api/response') return this.replies.take(frame);
    if (type !== 'text/event-json' && type !== 'text/event-plain') {
      if (type !== 'auth/request' && type !== 'text/disconnect-notice') {
        this.log.warn({ contentType: type ?? '(none)' }, 'ESL frame of unknown type skipped');
      }
      return;
    }
    const headers = parseEventBody(type, frame.body);
    const event = headers && toChannelEvent(headers);
    if (!event) {
      this.log.warn({ contentType: type }, 'malformed ESL event skipped');
      return;
    }
    if (event.kind === 'background-job') this.jobs.settle(event.jobUuid, event);
    if (event.kind === 'execute-complete' && event.applicationUuid !== undefined) {
      this.executions.settle(event.applicationUuid, event);
    }
    for (const fn of this.eventListeners) {
      try {
        fn(event);
      } catch (err) {
        this.log.error({ err, kind: event.kind }, 'channel event handler failed');
      }
    }
  }

  private onClosed(): void {
    const wasReady = this.state === 'ready';
    this.wire = undefined;
    this.failAll(new EslUnavailableError('ESL connection lost'));
    if (this.state === 'stopped') return;
    this.state = 'connecting';
    if (wasReady) for (const fn of this.disconnectedListeners) fn();
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.backoff?.maxMs ?? 10_000);
    this.log.warn({ host: this.options.host, port: this.options.port, delayMs: delay }, 'ESL reconnecting');
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private failAll(error: Error): void {
    this.replies.failAll(error);
    this.jobs.failAll(error);
    this.executions.failAll(error);
  }
}
