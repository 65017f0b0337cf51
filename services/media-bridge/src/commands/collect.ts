/**
 * Digit collection with play_and_get_digits. The result is read from the completion's channel
 * variables, never from Application-Response (always `_none_`), following ESL.md B8: "var non-empty
 * and matching the regex" is success whatever `read_result` says.
 */
import { randomBytes } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { APP_MARGIN_MS, liveCall, type MediaNode } from './context.js';
import type { Collect } from './specs.js';

export async function collect(
  node: MediaNode,
  req: Static<typeof Collect.request>,
): Promise<Static<typeof Collect.response>> {
  const call = liveCall(node, req.callId);
  const variable = `hl_digits_${randomBytes(4).toString('hex')}`;
  const regex = req.regex ?? (req.minDigits > 0 ? '\\d+' : '.*');
  const interDigit = req.interDigitTimeoutMs ?? req.timeoutMs;
  const args = [
    req.minDigits,
    req.maxDigits,
    req.tries,
    req.timeoutMs,
    req.terminators === undefined || req.terminators === '' ? '#' : req.terminators,
    req.prompt,
    req.invalidPrompt ?? 'silence_stream://250',
    variable,
    regex,
    interDigit,
  ].join(' ');
  const budget = req.tries * (req.timeoutMs + interDigit * req.maxDigits + APP_MARGIN_MS);
  const done = await node.esl.execute(call.callId, 'play_and_get_digits', args, budget);
  const h = done.headers;
  const digits = h.get(`variable_${variable}`) ?? '';
  const terminator = h.get('variable_read_terminator_used');
  const matches = new RegExp(`^(?:${regex})$`).test(digits);
  const withTerminator = terminator ? { terminator } : {};
  if (digits !== '' && matches) return { outcome: 'match', digits, ...withTerminator };
  if (digits === '' && req.minDigits === 0 && terminator)
    return { outcome: 'match', digits, ...withTerminator };
  const invalid = h.get(`variable_${variable}_invalid`) ?? '';
  if (invalid !== '' || digits !== '')
    return { outcome: 'invalid', digits: invalid || digits, ...withTerminator };
  return { outcome: 'no-input', digits: '' };
}
