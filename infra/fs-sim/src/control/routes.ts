/** Control API routes: calls, channels, endpoints, clock, faults, scenario, traffic. */
import { SimError } from '../errors.js';
import { parseScenario } from '../sim/scenario.js';
import { readCall, readEndpoint } from '../sim/specs.js';
import { DIGITS, Reader } from '../sim/validate.js';
import type { Simulator } from '../simulator.js';
import { readTraffic } from '../traffic/config.js';
import { faultRoutes } from './fault-routes.js';
import { bodyOf, ok, type Route } from './route-kit.js';
import { channelView, endpointView } from './views.js';

function channel(sim: Simulator, uuid: string | undefined) {
  const ch = sim.core.findChannel(uuid ?? '');
  if (!ch) throw new SimError('CHANNEL_NOT_FOUND', 404, `no channel ${uuid ?? ''}`);
  return ch;
}

function endpoint(sim: Simulator, ext: string | undefined) {
  const e = sim.directory.get(ext ?? '');
  if (!e) throw new SimError('ENDPOINT_NOT_FOUND', 404, `no endpoint ${ext ?? ''}`);
  return e;
}

const UUID = '([0-9A-Za-z-]{1,64})';
const EXT = '([A-Za-z0-9_.-]{1,32})';

export const routes: readonly Route[] = [
  {
    method: 'GET',
    path: /^\/health$/,
    handle: (sim) =>
      ok({
        status: 'ok',
        coreUuid: sim.core.coreUuid,
        eslPort: sim.esl.port,
        eslConnections: sim.esl.connectionCount,
        channels: sim.channels().length,
        clock: { mode: sim.clock.mode, scale: sim.clock.scale, now: new Date(sim.clock.now()).toISOString() },
      }),
  },
  { method: 'GET', path: /^\/channels$/, handle: (sim) => ok(sim.channels().map(channelView)) },
  {
    method: 'POST',
    path: /^\/calls$/,
    handle: (sim, input) => {
      const r = new Reader('CALL_INVALID');
      const call = readCall(r, input.body, '$');
      r.done('call is invalid');
      if (!call) throw new SimError('CALL_INVALID', 400, 'call is invalid');
      return ok(channelView(sim.placeCall(call)), 201);
    },
  },
  {
    method: 'POST',
    path: new RegExp(`^/calls/${UUID}/hangup$`),
    handle: (sim, input) => {
      const ch = channel(sim, input.params[0]);
      sim.callerHangup(ch.uuid);
      return ok(channelView(ch));
    },
  },
  {
    method: 'POST',
    path: new RegExp(`^/calls/${UUID}/dtmf$`),
    handle: (sim, input) => {
      const ch = channel(sim, input.params[0]);
      const { r, o } = bodyOf(input, 'DTMF_INVALID');
      r.only(o, '$', ['digits', 'interDigitMs']);
      const digits = r.requiredString(o, 'digits', '$', DIGITS);
      const gap = r.number(o, 'interDigitMs', '$', 0, 60_000);
      r.done('dtmf request is invalid');
      sim.pressDigits(ch.uuid, digits, gap);
      return ok({ uuid: ch.uuid, digits });
    },
  },
  { method: 'GET', path: /^\/endpoints$/, handle: (sim) => ok(sim.directory.list().map(endpointView)) },
  {
    method: 'PUT',
    path: new RegExp(`^/endpoints/${EXT}$`),
    handle: (sim, input) => {
      const r = new Reader('ENDPOINT_INVALID');
      const ext = input.params[0] ?? '';
      const spec = readEndpoint(r, { ...(typeof input.body === 'object' ? input.body : {}), ext }, '$');
      if (typeof input.body !== 'object' || input.body === null)
        r.issues.push({ path: '$', message: 'must be an object' });
      r.done('endpoint is invalid');
      if (!spec) throw new SimError('ENDPOINT_INVALID', 400, 'endpoint is invalid');
      return ok(endpointView(sim.directory.upsert(spec)));
    },
  },
  {
    method: 'PATCH',
    path: new RegExp(`^/endpoints/${EXT}$`),
    handle: (sim, input) => {
      const current = endpoint(sim, input.params[0]);
      const r = new Reader('ENDPOINT_INVALID');
      const spec = readEndpoint(r, input.body ?? {}, '$', current);
      r.done('endpoint is invalid');
      if (!spec) throw new SimError('ENDPOINT_INVALID', 400, 'endpoint is invalid');
      return ok(endpointView(sim.directory.upsert(spec)));
    },
  },
  {
    method: 'DELETE',
    path: new RegExp(`^/endpoints/${EXT}$`),
    handle: (sim, input) => {
      endpoint(sim, input.params[0]);
      sim.directory.remove(input.params[0] ?? '');
      return { status: 204 };
    },
  },
  ...(['register', 'unregister'] as const).map((action): Route => ({
    method: 'POST',
    path: new RegExp(`^/endpoints/${EXT}/${action}$`),
    handle: (sim, input) => {
      endpoint(sim, input.params[0]);
      const updated = sim.directory.update(input.params[0] ?? '', { registered: action === 'register' });
      return ok(updated ? endpointView(updated) : undefined);
    },
  })),
  {
    method: 'GET',
    path: /^\/clock$/,
    handle: (sim) =>
      ok({ mode: sim.clock.mode, scale: sim.clock.scale, now: new Date(sim.clock.now()).toISOString() }),
  },
  {
    method: 'POST',
    path: /^\/clock\/advance$/,
    handle: async (sim, input) => {
      if (sim.clock.mode !== 'manual')
        throw new SimError('CLOCK_NOT_MANUAL', 409, 'the clock runs scaled; start with FS_SIM_CLOCK=manual');
      const { r, o } = bodyOf(input, 'ADVANCE_INVALID');
      r.only(o, '$', ['ms']);
      if (o['ms'] === undefined) r.issues.push({ path: '$.ms', message: 'is required' });
      const ms = r.number(o, 'ms', '$', 0, 30 * 86_400_000) ?? 0;
      r.done('advance request is invalid');
      await sim.clock.advance(ms);
      return ok({ now: new Date(sim.clock.now()).toISOString() });
    },
  },
  ...faultRoutes,
  {
    method: 'POST',
    path: /^\/scenario$/,
    handle: (sim, input) => {
      const scenario = parseScenario(input.body);
      sim.loadScenario(scenario);
      return ok({
        endpoints: scenario.endpoints.length,
        calls: scenario.calls.length,
        traffic: scenario.traffic !== undefined,
      });
    },
  },
  {
    method: 'GET',
    path: /^\/traffic$/,
    handle: (sim) => ok(sim.trafficStats() ?? { running: false, placed: 0, perDid: {} }),
  },
  {
    method: 'POST',
    path: /^\/traffic\/start$/,
    handle: (sim, input) => {
      const r = new Reader('TRAFFIC_INVALID');
      const config = input.body === undefined ? undefined : readTraffic(r, input.body, '$');
      r.done('traffic configuration is invalid');
      if (!config && !sim.hasTrafficConfig)
        throw new SimError('TRAFFIC_NOT_CONFIGURED', 409, 'no traffic configuration');
      return ok(sim.startTraffic(config));
    },
  },
  {
    method: 'POST',
    path: /^\/traffic\/stop$/,
    handle: (sim) => ok(sim.stopTraffic() ?? { running: false, placed: 0, perDid: {} }),
  },
];
