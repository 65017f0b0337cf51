/** Fault injection routes: drop connections, restart, slow consumer, malformed frames. */
import type { GarbageKind } from '../esl/server.js';
import { bodyOf, ok, type Route } from './route-kit.js';

export const faultRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/faults\/drop-connections$/,
    handle: (sim) => ok({ dropped: sim.dropConnections() }),
  },
  {
    method: 'POST',
    path: /^\/faults\/restart$/,
    handle: async (sim, input) => {
      const { r, o } = bodyOf(input, 'FAULT_INVALID');
      r.only(o, '$', ['downMs']);
      const downMs = r.number(o, 'downMs', '$', 0, 3_600_000) ?? 0;
      r.done('restart request is invalid');
      await sim.restart(downMs);
      return ok({ coreUuid: sim.core.coreUuid, downMs });
    },
  },
  {
    method: 'POST',
    path: /^\/faults\/slow-consumer$/,
    handle: (sim, input) => {
      const { r, o } = bodyOf(input, 'FAULT_INVALID');
      r.only(o, '$', ['delayMs']);
      if (o['delayMs'] === undefined) r.issues.push({ path: '$.delayMs', message: 'is required' });
      const delayMs = r.number(o, 'delayMs', '$', 0, 3_600_000) ?? 0;
      r.done('slow-consumer request is invalid');
      sim.setSlowConsumer(delayMs);
      return ok({ delayMs });
    },
  },
  {
    method: 'POST',
    path: /^\/faults\/malformed-frame$/,
    handle: (sim, input) => {
      const { r, o } = bodyOf(input, 'FAULT_INVALID');
      r.only(o, '$', ['kind']);
      const kind: GarbageKind =
        r.oneOf(o, 'kind', '$', ['garbage', 'bad-content-length', 'truncated'] as const) ?? 'garbage';
      r.done('malformed-frame request is invalid');
      return ok({ kind, sent: sim.sendMalformedFrame(kind) });
    },
  },
];
