import { ValidationError, type EventRegistry, type NewEvent } from '@hotline/contracts';
import type { ExpectedRevision } from './port.js';
import { parseStream } from './stream-names.js';

/** Largest batch one append may carry; bigger ones are a caller bug, not a load to absorb. */
export const MAX_EVENTS_PER_APPEND = 1000;

/**
 * Every adapter calls this before touching storage, so bad input is rejected with a typed error
 * and nothing is written: stream name, expected revision, ids unique within the batch, and each
 * event against the catalogue (type known, payload and metadata valid, right category, tenant of
 * a tenant-keyed stream equal to the event's tenant).
 */
export function validateAppend(
  registry: EventRegistry,
  stream: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): void {
  const parsed = parseStream(stream);
  if (
    typeof expectedRevision === 'number' &&
    (!Number.isSafeInteger(expectedRevision) || expectedRevision < 0)
  ) {
    throw new ValidationError(
      'EXPECTED_REVISION_INVALID',
      `expected revision must be a non-negative integer`,
      [{ path: 'expectedRevision', message: String(expectedRevision) }],
    );
  }
  if (events.length === 0) {
    throw new ValidationError('APPEND_EMPTY', 'an append needs at least one event');
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new ValidationError('APPEND_TOO_LARGE', `at most ${MAX_EVENTS_PER_APPEND} events per append`);
  }
  // One event cannot repeat an id: the set is only needed for more.
  const ids = events.length > 1 ? new Set<string>() : undefined;
  events.forEach((event, i) => {
    registry.validate(event, stream);
    if (ids) {
      const id = event.id.toLowerCase();
      if (ids.has(id)) {
        throw new ValidationError('EVENT_ID_REPEATED', `event id ${event.id} appears twice in one append`, [
          { path: `/${i}/id`, message: 'repeated' },
        ]);
      }
      ids.add(id);
    }
    if (parsed.kind === 'tenant' && event.metadata.tenantId !== parsed.tenantId) {
      throw new ValidationError('EVENT_TENANT_MISMATCH', `event tenant does not match stream ${stream}`, [
        { path: `/${i}/metadata/tenantId`, message: `must be ${parsed.tenantId}` },
      ]);
    }
  });
}
