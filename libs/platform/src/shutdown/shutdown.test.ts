import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@hotline/test-kit';
import { captureLogger } from '../test-support/capture.js';
import { installShutdown, type ShutdownStep } from './index.js';

function setup(steps: ShutdownStep[], timeoutMs = 1000) {
  const source = new EventEmitter();
  const clock = new ManualClock(0);
  const exits: number[] = [];
  const log = captureLogger();
  const handle = installShutdown({
    logger: log.logger,
    steps,
    timeoutMs,
    source,
    timers: clock,
    exit: (code) => exits.push(code),
  });
  return { source, clock, exits, log, handle };
}

describe('installShutdown', () => {
  it('runs the steps in order on SIGTERM and exits 0', async () => {
    const order: string[] = [];
    const step = (name: string): ShutdownStep => ({
      name,
      close: async () => {
        order.push(`${name}:start`);
        await Promise.resolve();
        order.push(`${name}:end`);
      },
    });
    const { source, exits, handle } = setup([step('http'), step('nats'), step('pg')]);
    source.emit('SIGTERM');
    await handle.shutdown('again');
    expect(order).toEqual(['http:start', 'http:end', 'nats:start', 'nats:end', 'pg:start', 'pg:end']);
    expect(exits).toEqual([0]);
  });

  it('keeps going after a failing step and exits 1', async () => {
    const closed: string[] = [];
    const { source, exits, handle, log } = setup([
      { name: 'http', close: () => Promise.reject(new Error('stuck')) },
      { name: 'pg', close: () => Promise.resolve(closed.push('pg')) },
    ]);
    source.emit('SIGINT');
    await handle.shutdown('wait');
    expect(closed).toEqual(['pg']);
    expect(exits).toEqual([1]);
    expect(log.lines().some((l) => l.step === 'http' && l.msg === 'shutdown step failed')).toBe(true);
  });

  it('forces exit 1 when a step outlives the timeout, and runs nothing after it', async () => {
    let released = () => undefined as void;
    const later: string[] = [];
    const { source, clock, exits, handle } = setup(
      [
        { name: 'nats', close: () => new Promise<void>((resolve) => (released = resolve)) },
        { name: 'pg', close: () => Promise.resolve(later.push('pg')) },
      ],
      5000,
    );
    source.emit('SIGTERM');
    clock.advance(4999);
    expect(exits).toEqual([]);
    clock.advance(1);
    expect(exits).toEqual([1]);
    released();
    await handle.shutdown('wait');
    expect(later).toEqual([]);
    expect(exits).toEqual([1]);
  });

  it('ignores repeated signals and stops listening once uninstalled', async () => {
    let closes = 0;
    const { source, exits, handle } = setup([{ name: 'http', close: () => Promise.resolve(closes++) }]);
    source.emit('SIGINT');
    source.emit('SIGTERM');
    await handle.shutdown('wait');
    expect(closes).toBe(1);
    expect(exits).toEqual([0]);
    handle.uninstall();
    expect(source.listenerCount('SIGINT')).toBe(0);
    expect(source.listenerCount('SIGTERM')).toBe(0);
  });
});
