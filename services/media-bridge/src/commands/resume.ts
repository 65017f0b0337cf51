import type { Static } from '@sinclair/typebox';
import { expectOk, liveCall, type MediaNode } from './context.js';
import type { Resume } from './specs.js';

/** Ends the hold music (uuid_break) and records how long the caller was held (media node's clock). */
export async function resume(
  node: MediaNode,
  req: Static<typeof Resume.request>,
): Promise<Static<typeof Resume.response>> {
  const call = liveCall(node, req.callId);
  const heldAt = call.heldAt;
  if (heldAt === undefined) return { ok: true };
  const job = await node.esl.bgapi(`uuid_break ${call.callId} all`);
  expectOk(job.body, 'uuid_break');
  call.heldAt = undefined;
  const at = Math.max(job.at, heldAt);
  await node.tracker.emitOwn(call, `resume/${heldAt}`, at, {
    type: 'CallResumed',
    data: { callId: call.callId, resumedAt: new Date(at).toISOString(), heldMs: at - heldAt },
  });
  return { ok: true };
}
