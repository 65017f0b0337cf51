import { describe, expect, it } from 'vitest';
import { spawnChild, stopAll } from './processes.js';

const SCRIPT = `
process.on('SIGTERM', () => { console.log('draining'); process.exit(0); });
console.log('ready');
console.error('on stderr');
setInterval(() => {}, 1000);
`;

function start(script: string, onLine: (line: string) => void) {
  return spawnChild({
    name: 'demo',
    command: process.execPath,
    args: ['-e', script],
    env: {},
    cwd: process.cwd(),
    onLine,
  });
}

describe('spawnChild and stopAll', () => {
  it('passes output on line by line and stops the child gracefully with SIGTERM', async () => {
    const lines: string[] = [];
    let readySeen: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (readySeen = resolve));
    const child = start(SCRIPT, (line) => {
      lines.push(line);
      if (line === 'ready') readySeen();
    });
    await ready;
    expect(child.running()).toBe(true);
    await stopAll([child]);
    expect(await child.exited).toBe(0);
    expect(child.running()).toBe(false);
    expect(lines).toEqual(expect.arrayContaining(['ready', 'on stderr', 'draining']));
  });

  it('reports the exit code of a child that ends by itself', async () => {
    const child = start('process.exit(3)', () => undefined);
    expect(await child.exited).toBe(3);
    await stopAll([child]);
  });
});
