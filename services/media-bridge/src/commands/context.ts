/** What every media command handler works with: one media node's ESL client and its calls. */
import { NotFoundError, HotlineError } from '@hotline/contracts';
import type { CallBook, TrackedCall } from '../calls/call-book.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { EslClient } from '../esl/client.js';

export interface MediaNode {
  readonly name: string;
  readonly esl: EslClient;
  readonly book: CallBook;
  readonly tracker: CallTracker;
}

export class CallNotFoundError extends NotFoundError {
  constructor(callId: string) {
    super('CALL_NOT_FOUND', `no live call ${callId} on this media node`, { details: { callId } });
  }
}

/** The call exists but its state does not allow the command (e.g. hold while bridged). */
export class CallStateError extends HotlineError {
  constructor(code: string, message: string) {
    super(code, 'conflict', message);
  }
}

/** The live call, or CALL_NOT_FOUND (unknown, ended, or on another node). */
export function liveCall(node: MediaNode, callId: string): TrackedCall {
  const call = node.book.get(callId);
  if (!call || call.ended) throw new CallNotFoundError(callId);
  return call;
}

/** FreeSWITCH api output: `+OK …` is success; anything else becomes a typed error. */
export function expectOk(output: string, what: string): string {
  if (output.startsWith('+OK') || output.startsWith('true')) return output;
  if (output.includes('No such channel'))
    throw new CallStateError('CALL_NOT_FOUND', `${what}: no such channel`);
  throw new CallStateError('MEDIA_COMMAND_FAILED', `${what}: ${output.trim()}`);
}

/** A generous wait for an application that plays media: its own length plus a margin. */
export const APP_MARGIN_MS = 30_000;
