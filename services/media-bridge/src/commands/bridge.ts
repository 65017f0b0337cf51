/**
 * Bridges the caller to an agent endpoint and answers as soon as the outcome is known: CHANNEL_BRIDGE
 * (answered) or the bridge app's completion (failed, reason in `originate_disposition`/`DIALSTATUS`,
 * ESL.md B12). `continue_on_fail` is set first so a failed bridge leaves the caller parked. Ring time is
 * measured on the media node's own clock (event timestamps).
 */
import type { Static } from '@sinclair/typebox';
import type { ChannelEvent } from '../esl/channel-event.js';
import { APP_MARGIN_MS, CallStateError, liveCall, type MediaNode } from './context.js';
import type { Bridge, BridgeResult } from './specs.js';

type Result = Static<typeof BridgeResult>;

const OUTCOMES: Readonly<Record<string, Result>> = {
  NO_ANSWER: 'no-answer',
  NOANSWER: 'no-answer',
  NO_USER_RESPONSE: 'no-answer',
  USER_BUSY: 'busy',
  BUSY: 'busy',
  CALL_REJECTED: 'busy',
  USER_NOT_REGISTERED: 'not-registered',
  SUBSCRIBER_ABSENT: 'not-registered',
};

export async function bridge(
  node: MediaNode,
  req: Static<typeof Bridge.request>,
): Promise<Static<typeof Bridge.response>> {
  const call = liveCall(node, req.callId);
  if (call.bridge) throw new CallStateError('CALL_ALREADY_BRIDGED', `call ${call.callId} is already bridged`);
  const started = await node.esl.execute(call.callId, 'set', 'continue_on_fail=true', node.esl.timeoutMs);
  call.pendingAgent = { agentId: req.agentId, endpoint: req.endpoint };
  const ringSeconds = Math.ceil(req.ringTimeoutMs / 1000);
  let stopListening = (): void => undefined;
  const answered = new Promise<ChannelEvent>((resolve) => {
    stopListening = node.esl.onEvent((e) => {
      if (e.kind === 'bridge' && e.aLeg === call.callId) resolve(e);
    });
  });
  try {
    const { done } = await node.esl.launch(
      call.callId,
      'bridge',
      `{originate_timeout=${ringSeconds}}${req.endpoint}`,
      req.ringTimeoutMs + APP_MARGIN_MS,
    );
    const first = await Promise.race([answered, done]);
    const ringMs = Math.max(0, first.at - started.at);
    if (first.kind === 'bridge') return { result: 'answered', ringMs };
    call.pendingAgent = undefined;
    const h = first.headers;
    const cause =
      h.get('variable_originate_failed_cause') ??
      h.get('variable_DIALSTATUS') ??
      h.get('variable_originate_disposition');
    const status = h.get('variable_DIALSTATUS') ?? '';
    const result = OUTCOMES[cause ?? ''] ?? OUTCOMES[status] ?? 'failed';
    return cause ? { result, ringMs, cause } : { result, ringMs };
  } finally {
    stopListening();
  }
}
