import type { Static } from '@sinclair/typebox';
import { liveCall, type MediaNode } from './context.js';
import type { Eavesdrop } from './specs.js';

/**
 * Connects a supervisor's parked leg to a live call with FreeSWITCH's `eavesdrop` on the caller's leg.
 * The mode is set on the supervisor leg first through eavesdrop's whisper variables: whisper speaks to
 * the agent (the b-leg of the call), barge to both sides; listen clears both.
 */
const WHISPER = {
  listen: { aleg: 'false', bleg: 'false' },
  whisper: { aleg: 'false', bleg: 'true' },
  barge: { aleg: 'true', bleg: 'true' },
} as const;

export async function eavesdrop(
  node: MediaNode,
  req: Static<typeof Eavesdrop.request>,
): Promise<Static<typeof Eavesdrop.response>> {
  const call = liveCall(node, req.callId);
  const mode = WHISPER[req.mode];
  const timeout = node.esl.timeoutMs;
  await node.esl.execute(req.supervisorLegId, 'set', `eavesdrop_whisper_aleg=${mode.aleg}`, timeout);
  await node.esl.execute(req.supervisorLegId, 'set', `eavesdrop_whisper_bleg=${mode.bleg}`, timeout);
  // Runs until either side leaves: its completion is not awaited.
  await node.esl.launch(req.supervisorLegId, 'eavesdrop', call.callId, 24 * 3600_000);
  return { ok: true };
}
