import type { Static } from '@sinclair/typebox';
import { liveCall, type MediaNode } from './context.js';
import type { Answer } from './specs.js';

export async function answer(
  node: MediaNode,
  req: Static<typeof Answer.request>,
): Promise<Static<typeof Answer.response>> {
  const call = liveCall(node, req.callId);
  // Answering twice is harmless in FreeSWITCH; skipping it keeps a retried command cheap.
  if (!call.answered) await node.esl.execute(call.callId, 'answer', undefined, node.esl.timeoutMs);
  return { ok: true };
}
