import type { Static } from '@sinclair/typebox';
import { APP_MARGIN_MS, liveCall, type MediaNode } from './context.js';
import type { Speak } from './specs.js';

/** TTS through FreeSWITCH's `speak` (`engine|voice|text`); flite/kal unless the request names others. */
export async function speak(
  node: MediaNode,
  req: Static<typeof Speak.request>,
): Promise<Static<typeof Speak.response>> {
  const call = liveCall(node, req.callId);
  // `|` separates speak's fields and newlines end a sendmsg header: neither may reach the text.
  const text = req.text.replace(/[|\r\n]+/g, ' ');
  const arg = `${req.engine ?? 'flite'}|${req.voice ?? 'kal'}|${text}`;
  await node.esl.execute(call.callId, 'speak', arg, 600_000 + APP_MARGIN_MS);
  return { ok: true };
}
