import { comparePositions, parsePosition, type GlobalPosition, type RecordedEvent } from '@hotline/contracts';
import type pg from 'pg';
import type { EventFilter } from '../port.js';
import { filterParams, positionParams, rowToEvent, type EventRow } from './rows.js';
import { PAGE_SQL, filteredPageSql } from './sql.js';

/** A page of $all and where the reader stands (see PAGE_SQL). */
export interface Page {
  events: RecordedEvent[];
  /** Rows of transactions below this are final: nothing can appear before them any more. */
  horizon: bigint;
  /** Transaction id of the newest visible row; at or above `horizon`, rows are held back. */
  head: bigint | undefined;
  /** The last row the statement looked at (matching the filter or not). */
  scanned: GlobalPosition | undefined;
  /** Everything below the horizon after the checkpoint has been looked at. */
  exhausted: boolean;
}

type PageRow = Partial<EventRow> & {
  horizon: string;
  head: string | null;
  scanned?: number;
  last?: string | null;
};

/** Rows a filtered page walks at most, so one poll's work is bounded whatever the filter. */
const FILTER_WINDOW = 10_000;

/** The prepared page statement for one filter. */
export class PageQuery {
  private readonly name: string;
  private readonly text: string;
  private readonly filterValues: string[][];
  private readonly filtered: boolean;

  constructor(filter: EventFilter | undefined) {
    const { hasPrefixes, hasTypes, values } = filterParams(filter);
    this.filtered = hasPrefixes || hasTypes;
    this.name = `hotline_page_${Number(hasPrefixes)}${Number(hasTypes)}`;
    this.text = this.filtered ? filteredPageSql(hasPrefixes, hasTypes) : PAGE_SQL;
    this.filterValues = values;
  }

  async fetch(pool: pg.Pool, after: GlobalPosition | undefined, limit: number): Promise<Page> {
    const window = Math.max(limit, FILTER_WINDOW);
    const { rows } = await pool.query<PageRow>({
      name: this.name,
      text: this.text,
      values: [...positionParams(after), limit, ...(this.filtered ? [window, ...this.filterValues] : [])],
    });
    const first = rows[0];
    if (!first) throw new Error('the page statement returned no row');
    const events = rows.filter((r): r is PageRow & EventRow => r.event_id != null).map(rowToEvent);
    // The lateral join keeps the index order in practice; SQL does not promise it, so make sure.
    events.sort((a, b) => comparePositions(a.globalPosition, b.globalPosition));
    const horizon = BigInt(first.horizon);
    const head = first.head === null ? undefined : BigInt(first.head);
    if (!this.filtered) {
      const last = events[events.length - 1];
      return { events, horizon, head, scanned: last?.globalPosition, exhausted: events.length < limit };
    }
    return {
      events,
      horizon,
      head,
      scanned: first.last ? parsePosition(first.last) : undefined,
      exhausted: (first.scanned ?? 0) < window,
    };
  }
}

/** True when committed rows wait above the horizon (behind an older, still open transaction). */
export function isHeld(page: Page): boolean {
  return page.head !== undefined && page.head >= page.horizon;
}

/**
 * Where a reader continues after `page`: after its last event when the page is full (rows after it
 * were not looked at), else after everything the statement looked at.
 */
export function nextCursor(
  page: Page,
  limit: number,
  cursor: GlobalPosition | undefined,
): GlobalPosition | undefined {
  const last = page.events[page.events.length - 1]?.globalPosition;
  const next = page.events.length >= limit ? last : (page.scanned ?? last);
  if (!next) return cursor;
  return cursor && comparePositions(cursor, next) >= 0 ? cursor : next;
}
