import { spawn, type ChildProcess } from 'node:child_process';
import { LineSplitter } from './output.js';

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or the signal's name) when the process has ended. */
  exited: Promise<number | string>;
  running(): boolean;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Receives every output line (stdout and stderr) of the child. */
  onLine: (line: string) => void;
}

export function spawnChild(options: SpawnOptions): Child {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let alive = true;
  for (const stream of [child.stdout, child.stderr]) {
    const splitter = new LineSplitter();
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => splitter.push(chunk).forEach(options.onLine));
    stream.on('end', () => splitter.flush().forEach(options.onLine));
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (error) => {
      alive = false;
      options.onLine(`failed to start: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      alive = false;
      resolve(code ?? signal ?? 1);
    });
  });
  return { name: options.name, process: child, exited, running: () => alive };
}

/**
 * Asks every running child to stop (SIGTERM: each runs its graceful shutdown) and waits; what is
 * still alive after `graceMs` is killed.
 */
export async function stopAll(
  children: readonly Child[],
  graceMs = 15_000,
  log: (line: string) => void = () => {},
) {
  for (const child of children) if (child.running()) child.process.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const all = Promise.all(children.map((c) => c.exited));
  if ((await Promise.race([all, grace])) === 'timeout') {
    for (const child of children) {
      if (!child.running()) continue;
      log(`${child.name} did not stop within ${graceMs / 1000}s; killing it`);
      child.process.kill('SIGKILL');
    }
    await all;
  }
  clearTimeout(timer);
}
