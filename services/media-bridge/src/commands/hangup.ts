import type { Static } from '@sinclair/typebox';
import { expectOk, liveCall, type MediaNode } from './context.js';
import type { Hangup } from './specs.js';

export async function hangup(
  node: MediaNode,
  req: Static<typeof Hangup.request>,
): Promise<Static<typeof Hangup.response>> {
  const call = liveCall(node, req.callId);
  // Marked before the kill so the CHANNEL_HANGUP that follows is attributed to the system.
  call.hangupRequested = true;
  expectOk(await node.esl.api(`uuid_kill ${call.callId} ${req.cause ?? 'NORMAL_CLEARING'}`), 'uuid_kill');
  return { ok: true };
}
