import type { Static } from '@sinclair/typebox';
import { expectOk, liveCall, type MediaNode } from './context.js';
import type { Transfer } from './specs.js';

/** Blind transfer of the caller's leg into the dialplan (XML, default context unless given). */
export async function transfer(
  node: MediaNode,
  req: Static<typeof Transfer.request>,
): Promise<Static<typeof Transfer.response>> {
  const call = liveCall(node, req.callId);
  const ctx = req.context ? ` XML ${req.context}` : '';
  expectOk(await node.esl.api(`uuid_transfer ${call.callId} ${req.destination}${ctx}`), 'uuid_transfer');
  return { ok: true };
}
