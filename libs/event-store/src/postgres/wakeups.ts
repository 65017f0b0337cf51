import { randomUUID } from 'node:crypto';
import pg from 'pg';

const NOTIFY_INTERVAL_MS = 2;
// How long an uncovered commit waits for a statement to carry its hint before one is sent alone.
const HINT_GRACE_MS = 1;

/**
 * Wake-up hints for followers. A hint only says "poll now"; the poll decides what is new, so a lost
 * or duplicated hint costs latency at most, never an event. `generation` lets a follower that polled
 * at generation g know whether anything happened since (no lost wake-up between poll and wait).
 */
export class Wakeups {
  private gen = 0;
  private readonly waiters = new Set<() => void>();

  get generation(): number {
    return this.gen;
  }

  signal(): void {
    this.gen += 1;
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  /** Resolves once the generation moves past `since`, after `timeoutMs`, or when `abort` fires. */
  wait(since: number, timeoutMs: number, abort: AbortSignal): Promise<void> {
    if (this.gen !== since || abort.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      abort.addEventListener('abort', done, { once: true });
    });
  }
}

/**
 * The store's side of LISTEN/NOTIFY: one dedicated listening connection shared by all its
 * subscriptions (opened with the first), and coalesced hints after commits so other processes
 * wake up (see claim). Its own notifications are recognised by the payload and ignored: local subscriptions were
 * already woken directly.
 */
export class PgNotifier {
  private readonly instance = randomUUID();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private retryMs = 100;
  private closed = false;
  private sending: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSent = Number.NEGATIVE_INFINITY;
  private pending = false;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly wakeups: Wakeups,
    private readonly pool: pg.Pool,
  ) {}

  /** Starts listening unless already; failures are retried in the background (polling covers). */
  listen(): void {
    if (this.closed || this.client || this.connecting || this.retry) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = undefined;
    });
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (msg.payload !== this.instance) this.wakeups.signal();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      this.retryMs = 100;
      // Anything committed while we were not listening is found by the poll this triggers.
      this.wakeups.signal();
    } catch {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.listen();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 5000);
  }

  /**
   * A wake-up for other processes to send inside the statement about to run, when one is due (at most
   * one per NOTIFY_INTERVAL_MS): `pg_notify` in the append's own transaction is delivered exactly at
   * its commit and costs no extra statement (a separate NOTIFY per 2 ms took a tenth of the 1-event
   * append throughput). Claiming covers every commit reported before: the claiming statement commits
   * after them. Only one transaction in an interval notifies, so PostgreSQL's notify lock (held
   * through commit) never serialises the batches that run side by side.
   */
  claim(): readonly [channel: string, payload: string] | undefined {
    if (this.closed || this.sending) return undefined;
    const now = performance.now();
    if (now - this.lastSent < NOTIFY_INTERVAL_MS) return undefined;
    this.lastSent = now;
    this.pending = false;
    return [this.channel, this.instance];
  }

  /**
   * Something committed that no hint sent with it covers (or a claimed hint did not go out). The next
   * claim covers it; if none comes within the interval and a little grace (no append is running), a
   * NOTIFY of its own, in its own tiny transaction.
   */
  uncovered(): void {
    this.pending = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.closed || this.timer || this.sending) return;
    const wait = this.lastSent + NOTIFY_INTERVAL_MS + HINT_GRACE_MS - performance.now();
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.flush();
      },
      Math.max(0, wait),
    );
  }

  private flush(): void {
    if (this.closed || !this.pending) return;
    if (performance.now() - this.lastSent < NOTIFY_INTERVAL_MS) {
      this.schedule();
      return;
    }
    this.pending = false;
    this.lastSent = performance.now();
    this.sending = this.pool
      .query('SELECT pg_notify($1, $2)', [this.channel, this.instance])
      .then(
        () => undefined,
        () => undefined, // A hint: the followers' safety poll covers a lost one.
      )
      .finally(() => {
        this.sending = undefined;
        if (this.pending) this.schedule();
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.connecting;
    await this.sending;
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
