/**
 * A party pressing keys: each digit fires DTMF on its leg (RFC 2833, 250 ms = 2000 samples) and is
 * offered to whatever the leg is running; nobody collecting means the digit is dropped, as on 1.11.
 */
import type { Channel } from '../channel/channel.js';
import { AT, fireChannelEvent } from '../channel/events.js';
import type { SimContext } from './context.js';

export const DTMF_DIGITS = /^[0-9*#A-Da-d]+$/;

export function pressDigit(ch: Channel, digit: string): void {
  if (!ch.isUp) return;
  ch.digitsDialed.push(digit);
  fireChannelEvent(ch, 'DTMF', AT.dtmf, {
    tail: [
      ['DTMF-Digit', digit],
      ['DTMF-Duration', '2000'],
      ['DTMF-Source', 'RTP'],
    ],
  });
  ch.media.digit(digit);
}

/** Presses `digits` starting after `delayMs`, one every `interDigitMs`. */
export function pressDigits(
  sim: SimContext,
  ch: Channel,
  digits: string,
  delayMs = 0,
  interDigitMs = 300,
): void {
  [...digits].forEach((digit, i) => {
    const timer = sim.clock.setTimeout(() => pressDigit(ch, digit.toUpperCase()), delayMs + i * interDigitMs);
    ch.listeners.add({ onDestroy: () => sim.clock.clearTimeout(timer) });
  });
}
