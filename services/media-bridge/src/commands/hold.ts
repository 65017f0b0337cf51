import type { Static } from '@sinclair/typebox';
import type { ChannelEvent } from '../esl/channel-event.js';
import { CallStateError, liveCall, type MediaNode } from './context.js';
import type { Hold } from './specs.js';

/**
 * Parks the caller with music: `local_stream://…` plays until `resume` breaks it. A bridged call must
 * be unbridged first (music on a bridged leg would break the bridge in FreeSWITCH). The hold starts
 * when the music does (PLAYBACK_START, on the media node's clock, like every other fact).
 */
export async function hold(
  node: MediaNode,
  req: Static<typeof Hold.request>,
): Promise<Static<typeof Hold.response>> {
  const call = liveCall(node, req.callId);
  if (call.bridge)
    throw new CallStateError('CALL_BRIDGED', `call ${call.callId} is bridged; unbridge it first`);
  if (call.heldAt !== undefined) return { ok: true };
  const music = req.music ?? 'local_stream://moh';
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
