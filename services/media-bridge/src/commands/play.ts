import type { Static } from '@sinclair/typebox';
import { APP_MARGIN_MS, liveCall, type MediaNode } from './context.js';
import type { Play } from './specs.js';

/** Plays a file, `tone_stream://…` or `silence_stream://…`; the result is the app's response. */
export async function play(
  node: MediaNode,
  req: Static<typeof Play.request>,
): Promise<Static<typeof Play.response>> {
  const call = liveCall(node, req.callId);
  const done = await node.esl.execute(
    call.callId,
    'playback',
    req.media,
    (req.maxMs ?? 600_000) + APP_MARGIN_MS,
  );
  if (done.response === 'FILE PLAYED') return { result: 'played' };
  return { result: done.response === 'FILE NOT FOUND' ? 'not-found' : 'error' };
}
