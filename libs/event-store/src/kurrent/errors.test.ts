import { describe, expect, it } from 'vitest';
import { HotlineError, ValidationError } from '@hotline/contracts';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { ConcurrencyError, EventStoreUnavailableError } from '../port.js';
import { isRecoverableSubscriptionError, isTransientKurrentError, toHotlineError } from './errors.js';

// The client builds NotLeaderError from a gRPC error's metadata; this is the shape it reads.
const notLeader = new NotLeaderError({
  message: 'not leader',
  metadata: { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' },
} as unknown as ConstructorParameters<typeof NotLeaderError>[0]);

describe('toHotlineError', () => {
  it('turns a wrong expected version into ConcurrencyError with the actual revision', () => {
    const raw = new WrongExpectedVersionError(undefined, { streamName: 't1-x', expected: 4n, current: 6n });
    const error = toHotlineError(raw, { stream: 'agent-acme.alice', expected: 4 });
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      kind: 'conflict',
      stream: 'agent-acme.alice',
      expected: 4,
      actual: 6,
    });
    expect(error.cause).toBe(raw);
  });

  it("reports 'no-stream' when the stream does not exist", () => {
    const raw = new WrongExpectedVersionError(undefined, {
      streamName: 's',
      expected: 'stream_exists',
      current: 'no_stream',
    });
    expect(toHotlineError(raw, { stream: 'queue-acme.q', expected: 'exists' })).toMatchObject({
      expected: 'exists',
      actual: 'no-stream',
    });
  });

  it.each([
    ['unavailable', new UnavailableError()],
    ['not leader', notLeader],
    ['deadline exceeded', new DeadlineExceededError()],
  ])('maps %s to EVENT_STORE_UNAVAILABLE (retryable)', (_what, raw) => {
    const error = toHotlineError(raw, { stream: 'call-x' });
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('call-x');
  });

  it('maps size limits to APPEND_TOO_LARGE, deletions to STREAM_DELETED, access to an internal error', () => {
    const tooBig = toHotlineError(MaxAppendSizeExceededError.fromMaxAppendSize(1024));
    expect(tooBig).toBeInstanceOf(ValidationError);
    expect(tooBig.code).toBe('APPEND_TOO_LARGE');
    expect(toHotlineError(StreamDeletedError.fromStreamName('s')).code).toBe('STREAM_DELETED');
    expect(toHotlineError(new AccessDeniedError())).toMatchObject({
      code: 'EVENT_STORE_ACCESS_DENIED',
      kind: 'internal',
    });
  });

  it('wraps anything else as EVENT_STORE_FAILED and keeps the cause', () => {
    const raw = new Error('socket hang up');
    const error = toHotlineError(raw);
    expect(error).toMatchObject({ code: 'EVENT_STORE_FAILED', kind: 'internal' });
    expect(error.message).toContain('socket hang up');
    expect(error.cause).toBe(raw);
    expect(toHotlineError(new UnknownError()).code).toBe('EVENT_STORE_FAILED');
  });

  it('passes our own errors through unchanged', () => {
    const ours = new HotlineError('X', 'invalid', 'x');
    expect(toHotlineError(ours)).toBe(ours);
  });
});

describe('which errors are retried', () => {
  it('retries requests only on unavailable, not-leader and timeouts', () => {
    expect(isTransientKurrentError(new UnavailableError())).toBe(true);
    expect(isTransientKurrentError(notLeader)).toBe(true);
    expect(isTransientKurrentError(new DeadlineExceededError())).toBe(true);
    expect(
      isTransientKurrentError(
        new WrongExpectedVersionError(undefined, { streamName: 's', expected: 1n, current: 2n }),
      ),
    ).toBe(false);
    expect(isTransientKurrentError(new AccessDeniedError())).toBe(false);
    expect(isTransientKurrentError(new UnknownError())).toBe(false);
    expect(isTransientKurrentError(new Error('x'))).toBe(false);
  });

  it('resubscribes after drops, but not after configuration or data errors', () => {
    expect(isRecoverableSubscriptionError(new UnavailableError())).toBe(true);
    expect(isRecoverableSubscriptionError(new CancelledError())).toBe(true);
    expect(isRecoverableSubscriptionError(new UnknownError())).toBe(true);
    expect(isRecoverableSubscriptionError(new Error('ERR_STREAM_PREMATURE_CLOSE'))).toBe(true);
    expect(isRecoverableSubscriptionError(new AccessDeniedError())).toBe(false);
    expect(isRecoverableSubscriptionError(new InvalidArgumentError('bad filter'))).toBe(false);
    expect(isRecoverableSubscriptionError(new HotlineError('EVENT_RECORD_CORRUPT', 'internal', 'x'))).toBe(
      false,
    );
  });
});
