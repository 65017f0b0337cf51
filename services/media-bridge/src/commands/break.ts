import type { Static } from '@sinclair/typebox';
import { expectOk, liveCall, type MediaNode } from './context.js';
import type { Break } from './specs.js';

/** Stops what is playing (and, with `all`, what is queued behind it). */
export async function breakMedia(
  node: MediaNode,
  req: Static<typeof Break.request>,
): Promise<Static<typeof Break.response>> {
  const call = liveCall(node, req.callId);
  expectOk(await node.esl.api(`uuid_break ${call.callId}${req.all ? ' all' : ''}`), 'uuid_break');
  return { ok: true };
}
