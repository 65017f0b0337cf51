import { JetStreamApiCodes, JetStreamApiError, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { HotlineError, parsePosition, type GlobalPosition } from '@hotline/contracts';
import { EventHeaders } from '@hotline/messaging';
import { RelayConfigError } from './kv.js';

/** Creates the event stream if missing (file storage, dedupe window); checks an existing one. */
export async function ensureEventStream(
  jsm: JetStreamManager,
  name: string,
  subjectPrefix: string,
  duplicateWindowMs: number,
): Promise<void> {
  const subject = `${subjectPrefix}.evt.>`;
  try {
    const info = await jsm.streams.info(name);
    if (!info.config.subjects?.includes(subject)) {
      throw new RelayConfigError(`stream ${name} exists without subject ${subject}`);
    }
    return;
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
  }
  await jsm.streams.add({
    name,
    subjects: [subject],
    storage: StorageType.File,
    duplicate_window: nanos(duplicateWindowMs),
    description: 'Hotline events, relayed from the event store',
  });
}

export interface StreamTail {
  /** Last sequence ever stored (kept by a purge), what the next publish expects. */
  lastSeq: number;
  /** Position of the last stored event; undefined when the stream holds no messages. */
  position: GlobalPosition | undefined;
}

export class RelayStreamForeignMessageError extends HotlineError {
  constructor(stream: string, seq: number) {
    super(
      'RELAY_STREAM_FOREIGN_MESSAGE',
      'conflict',
      `message ${seq} in ${stream} has no Hotline-Position header: only the relay may publish there`,
      { details: { stream, seq } },
    );
  }
}

/** Reads where the stream ends: its last sequence and the position carried by its last message. */
export async function readTail(jsm: JetStreamManager, name: string): Promise<StreamTail> {
  const { state } = await jsm.streams.info(name);
  if (state.messages === 0) return { lastSeq: state.last_seq, position: undefined };
  const last = await jsm.streams.getMessage(name, { seq: state.last_seq });
  if (last === null) return { lastSeq: state.last_seq, position: undefined };
  const header = last.header.get(EventHeaders.position);
  if (!header) throw new RelayStreamForeignMessageError(name, state.last_seq);
  return { lastSeq: state.last_seq, position: parsePosition(header) };
}
