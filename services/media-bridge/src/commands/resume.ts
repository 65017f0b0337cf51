import type { Static } from '@sinclair/typebox';
import { expectOk, liveCall, type MediaNode } from './context.js';
import type { Resume } from './specs.js';

/**
 * Ends the hold — the music (uuid_break), or `uuid_hold off` for a hold inside a bridge — and records
 * how long the caller was held (media node's clock).
 */
export async function resume(
  node: MediaNode,
  req: Static<typeof Resume.request>,
): Promise<Static<typeof Resume.response>> {
  const call = liveCall(node, req.callId);
  const heldAt = call.heldAt;
  if (heldAt === undefined) return { ok: true };
  // A hold inside a bridge is ended on the agent leg it was put on; if that leg is gone, stopping
  // whatever still plays to the caller is all that is left to do.
  const agentLeg = call.heldInBridge ? call.bridge?.agentLegId : undefined;
  const command = agentLeg ? `uuid_hold off ${agentLeg}` : `uuid_break ${call.callId} all`;
  const job = await node.esl.bgapi(command);
  expectOk(job.body, agentLeg ? 'uuid_hold' : 'uuid_break');
  if (call.heldAt !== heldAt) return { ok: true };
  call.heldAt = undefined;
  call.heldInBridge = false;
  const at = Math.max(job.at, heldAt);
  await node.tracker.emitOwn(call, `resume/${heldAt}`, at, {
    type: 'CallResumed',
    data: { callId: call.callId, resumedAt: new Date(at).toISOString(), heldMs: at - heldAt },
  });
  return { ok: true };
}
