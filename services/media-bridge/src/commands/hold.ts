import type { Static } from '@sinclair/typebox';
import type { ChannelEvent } from '../esl/channel-event.js';
import type { TrackedCall } from '../calls/call-book.js';
import { expectOk, liveCall, type MediaNode } from './context.js';
import type { Hold } from './specs.js';

/**
 * Unbridged: parks the caller with music, `local_stream://…` plays until `resume` breaks it; the hold
 * starts when the music does (PLAYBACK_START, on the media node's clock, like every other fact).
 * Bridged (agent-side hold): `uuid_hold <uuid>` with `hold_music` set to the music; the bridge stays up
 * and the hold starts at the api's BACKGROUND_JOB.
 */
export async function hold(
  node: MediaNode,
  req: Static<typeof Hold.request>,
): Promise<Static<typeof Hold.response>> {
  const call = liveCall(node, req.callId);
  if (call.heldAt !== undefined) return { ok: true };
  const music = req.music ?? 'local_stream://moh';
  if (call.bridge) return holdBridged(node, call, music);
  let stop = (): void => undefined;
  const playing = new Promise<ChannelEvent | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), node.esl.timeoutMs);
    const off = node.esl.onEvent((e) => {
      if (e.kind === 'playback-start' && e.uuid === call.callId && e.file === music) resolve(e);
    });
    stop = () => {
      clearTimeout(timer);
      off();
    };
  });
  try {
    // The music runs until resume: its completion is not awaited (it has no time limit of its own).
    await node.esl.launch(call.callId, 'playback', music, 24 * 3600_000);
    const started = await playing;
    const at = started?.at ?? Date.now();
    call.heldAt = at;
    await node.tracker.emitOwn(call, `hold/${at}`, at, {
      type: 'CallHeld',
      data: { callId: call.callId, heldAt: new Date(at).toISOString(), by: 'system' },
    });
    return { ok: true };
  } finally {
    stop();
  }
}

/**
 * Agent-side hold: `uuid_hold` on the AGENT leg. FreeSWITCH (switch_ivr_hold) broadcasts the held
 * channel's `hold_music` to its partner, so holding the agent leg is what makes the caller hear music;
 * both legs and the bridge stay up.
 */
async function holdBridged(
  node: MediaNode,
  call: TrackedCall,
  music: string,
): Promise<Static<typeof Hold.response>> {
  const leg = call.bridge?.agentLegId ?? call.callId;
  expectOk((await node.esl.bgapi(`uuid_setvar ${leg} hold_music ${music}`)).body, 'uuid_setvar');
  const job = await node.esl.bgapi(`uuid_hold ${leg}`);
  expectOk(job.body, 'uuid_hold');
  if (call.heldAt !== undefined) return { ok: true };
  const at = job.at;
  call.heldAt = at;
  call.heldInBridge = true;
  await node.tracker.emitOwn(call, `hold/${at}`, at, {
    type: 'CallHeld',
    data: { callId: call.callId, heldAt: new Date(at).toISOString(), by: 'system' },
  });
  return { ok: true };
}
