/** An in-process simulator on an ephemeral port with a manual clock, plus a connected test client. */
import { Simulator, type SimulatorOptions } from '../simulator.js';
import { EslTestClient } from './esl-client.js';

export const PASSWORD = 'test-secret';

export async function startSim(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return Simulator.start({
    esl: { host: '127.0.0.1', port: 0, password: PASSWORD },
    clock: { mode: 'manual', startAt: Date.UTC(2026, 10, 24, 3, 41, 36) },
    hostname: 'vm',
    ipv4: '192.0.2.2',
    ipv6: 'fd00::2',
    ...options,
  });
}

export async function client(sim: Simulator, subscribe = 'event json ALL'): Promise<EslTestClient> {
  return EslTestClient.ready(sim.esl.port ?? 0, PASSWORD, subscribe);
}

/** Sends sendmsg execute and resolves with the app's CHANNEL_EXECUTE_COMPLETE. */
export async function execute(c: EslTestClient, uuid: string, app: string, arg?: string, eventUuid?: string) {
  const id = eventUuid ?? crypto.randomUUID();
  const from = c.frames.length;
  const headers: Record<string, string> = { 'call-command': 'execute', 'execute-app-name': app };
  if (arg !== undefined) headers['execute-app-arg'] = arg;
  headers['Event-UUID'] = id;
  const reply = await c.command(`sendmsg ${uuid}`, headers);
  return {
    reply,
    /** Lazy, so a test that expects no completion leaves no pending wait behind. */
    complete: () => c.waitForEvent('CHANNEL_EXECUTE_COMPLETE', (e) => e.get('Application-UUID') === id, from),
  };
}
