/**
 * switch_ivr_read and switch_play_and_get_digits (switch_ivr_play_say.c), quirks included:
 * - the prompt is cut by the first digit, which lands in the buffer even when it is a terminator;
 * - enough digits then silence reports read_result=timeout, yet play_and_get_digits counts it a success;
 * - too few digits leave the partial digits in the variable with read_result=failure;
 * - a regex mismatch clears the variable and stores the input in <var>_invalid.
 */
import type { Channel } from '../channel/channel.js';
import type { SimContext } from '../sim/context.js';
import { playFile } from './play-file.js';

export interface ReadSpec {
  readonly min: number;
  readonly max: number;
  readonly prompt?: string;
  readonly varName?: string;
  readonly timeout: number;
  readonly terminators: string;
  readonly digitTimeout?: number;
}

export type ReadStatus = 'success' | 'timeout' | 'too_small' | 'restart' | 'failed';

export interface ReadResult {
  readonly status: ReadStatus;
  readonly digits: string;
}

export async function ivrRead(sim: SimContext, ch: Channel, spec: ReadSpec): Promise<ReadResult> {
  const termRequired = spec.terminators.startsWith('=');
  const digitTimeout = spec.digitTimeout || spec.timeout;
  const max = Math.max(spec.max, spec.min);
  ch.vars.set('read_result', undefined);
  if (spec.varName) ch.vars.set(spec.varName, undefined);
  ch.notify((l) => l.onDigitsWanted?.(ch));
  let buffer = '';
  let status: ReadStatus = 'success';
  let failedEarly = false;
  if (spec.prompt && spec.prompt.toLowerCase() !== 'silence') {
    const played = await playFile(sim, ch, spec.prompt, {
      onDigit: (d) => {
        buffer += d;
        return true;
      },
    });
    if (played === 'missing' || played === 'hangup') {
      status = 'failed';
      failedEarly = true;
    }
  }
  let terminator = '';
  if (!failedEarly) {
    if ((spec.min && buffer.length < spec.min) || buffer.length < max) {
      let first = true;
      for (;;) {
        const outcome = await ch.media.wait({
          ms: first && buffer.length === 0 ? spec.timeout : digitTimeout,
          onDigit: () => true,
        });
        first = false;
        if (outcome.kind === 'dtmf') {
          if (spec.terminators.includes(outcome.digit)) {
            terminator = outcome.digit;
            status = 'success';
            break;
          }
          buffer += outcome.digit;
          if (buffer.length >= max) {
            status = 'success';
            break;
          }
          continue;
        }
        status = outcome.kind === 'timeout' ? 'timeout' : 'failed';
        break;
      }
    }
    if (terminator) {
      ch.vars.set('read_terminator_used', terminator);
      const at = spec.terminators.indexOf(terminator);
      const prefix = at > 0 ? spec.terminators[at - 1] : undefined;
      if (prefix === '+' || prefix === 'x') {
        buffer += terminator;
        if (prefix === 'x') status = 'restart';
      }
    } else if (termRequired) {
      status = 'too_small';
    }
    if (spec.min && buffer.length < spec.min) status = 'too_small';
    ch.vars.set(
      'read_result',
      status === 'success' ? 'success' : status === 'timeout' ? 'timeout' : 'failure',
    );
  }
  if (status !== 'restart' && max === 1 && buffer.length === 1 && spec.terminators.includes(buffer))
    buffer = '';
  if (spec.varName && buffer !== '') ch.vars.set(spec.varName, buffer);
  return { status, digits: buffer };
}

export interface PagdSpec extends ReadSpec {
  readonly tries: number;
  readonly invalidPrompt?: string;
  readonly regex?: string;
}

function regexMatches(digits: string, regex: string): boolean {
  try {
    return new RegExp(regex).test(digits);
  } catch {
    return false;
  }
}

/** Returns true on success; the caller handles transfer_on_failure. */
export async function playAndGetDigits(sim: SimContext, ch: Channel, spec: PagdSpec): Promise<boolean> {
  if (spec.regex && spec.varName) ch.vars.set(`${spec.varName}_invalid`, undefined);
  let tries = spec.tries;
  while (ch.isUp && tries > 0) {
    const read = await ivrRead(sim, ch, spec);
    if (read.status === 'restart') return false;
    const status = read.status === 'timeout' && read.digits.length >= spec.min ? 'success' : read.status;
    if (spec.min === 0 && read.digits === '' && ch.vars.has('read_terminator_used')) return true;
    if (!(status === 'too_small' && read.digits === '') && status === 'success' && read.digits !== '') {
      if (!spec.regex || regexMatches(read.digits, spec.regex)) return true;
      if (spec.varName) {
        ch.vars.set(spec.varName, undefined);
        ch.vars.set(`${spec.varName}_invalid`, read.digits);
      }
    }
    if (!ch.isUp) break;
    if (spec.invalidPrompt) await playFile(sim, ch, spec.invalidPrompt);
    tries--;
  }
  return false;
}
