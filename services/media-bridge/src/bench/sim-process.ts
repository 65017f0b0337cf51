/**
 * The FreeSWITCH simulator as a child process for the bench. In production FreeSWITCH is another
 * process, so the simulator must not share (and slow down) the bridge's event loop: an in-process
 * simulator would bill its own work to every measured round trip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SimProcess {
  readonly eslPort: number;
  /** Places a simulated call through the control API; resolves with its uuid. */
  placeCall(call: { from: string; to: string; variables: Record<string, string> }): Promise<string>;
  stop(): Promise<void>;
}

export async function startSimProcess(password: string): Promise<SimProcess> {
  const main = fileURLToPath(new URL('./main.js', import.meta.resolve('@hotline/fs-sim')));
  // Real-time clock (scale 1) so fact times differ; callers get no patience or talk time, so they stay
  // up until the bench hangs them up, and `moh` plays until `resume` breaks it. No command in the
  // bench plays media of a virtual length, so round trips are never playback time.
  const scenario = join(tmpdir(), `mb-bench-scenario-${String(process.pid)}.json`);
  writeFileSync(scenario, JSON.stringify({ media: { localStreams: ['moh'] } }));
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      FS_SIM_ESL_PASSWORD: password,
      FS_SIM_ESL_HOST: '127.0.0.1',
      FS_SIM_ESL_PORT: '0',
      FS_SIM_CONTROL_HOST: '127.0.0.1',
      FS_SIM_CONTROL_PORT: '0',
      FS_SIM_CLOCK: 'scaled',
      FS_SIM_TIME_SCALE: '1',
      FS_SIM_SCENARIO: scenario,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ports = await new Promise<{ esl: number; control: number }>((resolve, reject) => {
    let esl: number | undefined;
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    lines.on('line', (line) => {
      const e = /^fs-sim: ESL on [^:]+:(\d+)/.exec(line);
      if (e?.[1]) esl = Number(e[1]);
      const c = /^fs-sim: control API on http:\/\/[^:]+:(\d+)/.exec(line);
      if (c?.[1] && esl !== undefined) resolve({ esl, control: Number(c[1]) });
    });
    child.once('exit', (code) => reject(new Error(`fs-sim exited with ${String(code)}`)));
  });
  const base = `http://127.0.0.1:${String(ports.control)}`;
  return {
    eslPort: ports.esl,
    async placeCall(call) {
      const res = await fetch(`${base}/calls`, { method: 'POST', body: JSON.stringify(call) });
      if (res.status !== 201)
        throw new Error(`fs-sim POST /calls: ${String(res.status)} ${await res.text()}`);
      const body = (await res.json()) as { uuid: string };
      return body.uuid;
    },
    async stop() {
      rmSync(scenario, { force: true });
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
