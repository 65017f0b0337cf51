import type {
  AppendResult,
  AppendToStreamOptions,
  EventData,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import type { KurrentRecord } from './mapping.js';

// The slice of KurrentDBClient the adapter uses, narrowed to what it reads, so the unit tests can
// drive the adapter with a fake and the compiler checks that the real client still fits.

export interface KurrentResolved {
  event?: KurrentRecord;
}

export interface KurrentSubscription extends AsyncIterable<KurrentResolved> {
  unsubscribe(): Promise<void>;
  destroy(error?: Error): unknown;
}

export interface KurrentClient {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: AppendToStreamOptions,
  ): Promise<AppendResult>;
  readStream(streamName: string, options: ReadStreamOptions): AsyncIterable<KurrentResolved>;
  readAll(options: ReadAllOptions): AsyncIterable<KurrentResolved>;
  subscribeToAll(options: SubscribeToAllOptions): KurrentSubscription;
  dispose(): Promise<void>;
}
