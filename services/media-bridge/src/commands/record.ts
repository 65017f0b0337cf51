import type { Static } from '@sinclair/typebox';
import { expectOk, liveCall, type MediaNode } from './context.js';
import type { RecordStart, RecordStop } from './specs.js';

/** Recording facts come from RECORD_START/RECORD_STOP events, so a hang-up mid-recording is covered too. */
export function recordStart(
  node: MediaNode,
  req: Static<typeof RecordStart.request>,
): Promise<Static<typeof RecordStart.response>> {
  return uuidRecord(node, req.callId, 'start', req.path);
}

export function recordStop(
  node: MediaNode,
  req: Static<typeof RecordStop.request>,
): Promise<Static<typeof RecordStop.response>> {
  return uuidRecord(node, req.callId, 'stop', req.path);
}

async function uuidRecord(
  node: MediaNode,
  callId: string,
  action: 'start' | 'stop',
  path: string,
): Promise<{ ok: true }> {
  const call = liveCall(node, callId);
  expectOk(await node.esl.api(`uuid_record ${call.callId} ${action} ${path}`), `uuid_record ${action}`);
  return { ok: true };
}
