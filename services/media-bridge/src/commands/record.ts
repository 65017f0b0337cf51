import type { Static } from '@sinclair/typebox';
import { expectOk, liveCall, type MediaNode } from './context.js';
import type { RecordStart, RecordStop } from './specs.js';

/** Recording facts come from RECORD_START/RECORD_STOP events, so a hang-up mid-recording is covered too. */
export async function recordStart(
  node: MediaNode,
  req: Static<typeof RecordStart.request>,
): Promise<Static<typeof RecordStart.response>> {
  const call = liveCall(node, req.callId);
  expectOk(await node.esl.api(`uuid_record ${call.callId} start ${req.path}`), 'uuid_record start');
  return { ok: true };
}

export async function recordStop(
  node: MediaNode,
  req: Static<typeof RecordStop.request>,
): Promise<Static<typeof RecordStop.response>> {
  const call = liveCall(node, req.callId);
  expectOk(await node.esl.api(`uuid_record ${call.callId} stop ${req.path}`), 'uuid_record stop');
  return { ok: true };
}
