import type { ExpectedRevision } from '../port.js';

/**
 * The last revision this store committed to each recently written stream. It only lets a batch skip
 * the head probe: the unique index (stream_name, stream_revision) still decides. A stream's head only
 * grows, so a remembered head is never above the real one; when another process has written since,
 * the insert at the remembered head + 1 collides, the batch is retried with probes and the entry is
 * corrected. Bounded: the least recently written streams are forgotten first.
 */
export class StreamHeads {
  private readonly heads = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  /**
   * The revision this append's first event gets if its expected revision holds, when that is known
   * without reading the stream; undefined when the head must be probed.
   */
  base(stream: string, expected: ExpectedRevision): number | undefined {
    // A stream starts at revision 0: if it exists, the insert at 0 collides.
    if (expected === 'no-stream') return 0;
    const head = this.heads.get(stream);
    if (head === undefined) return undefined;
    if (expected === 'any' || expected === 'exists') return head + 1;
    // A remembered head above n means a conflict; below n, another writer may have caught up: probe.
    return head === expected ? head + 1 : undefined;
  }

  /** A commit wrote `stream` up to `revision`. */
  written(stream: string, revision: number): void {
    this.heads.delete(stream);
    this.heads.set(stream, revision);
    if (this.heads.size > this.capacity) {
      const oldest = this.heads.keys().next();
      if (oldest.done !== true) this.heads.delete(oldest.value);
    }
  }

  forget(stream: string): void {
    this.heads.delete(stream);
  }

  get size(): number {
    return this.heads.size;
  }
}
