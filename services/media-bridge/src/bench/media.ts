// `npm run bench:media -w @hotline/media-bridge`: N concurrent simulated calls through one bridge
// (in-process simulator, real PostgreSQL and NATS). Measures ESL event → stored fact latency, media
// command round trips and rate, and the raw NATS request/reply round trip of the same run for
// comparison. Ends with one JSON line.
import { performance } from 'node:perf_hooks';
import { eventRegistry, streams } from '@hotline/contracts';
import { openEventStore } from '@hotline/event-store/factory';
import { Simulator } from '@hotline/fs-sim';
import { sendCommand, type CommandSpec } from '@hotline/messaging';
import { createTestNats, createTestSchema, waitFor } from '@hotline/test-kit';
import type { Static, TSchema } from '@sinclair/typebox';
import { Answer, Break, Hangup } from '../commands/specs.js';
import { startMediaNode } from '../media-node.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 50);
const BREAKS_PER_CALL = Number(process.env.BENCH_COMMANDS_PER_CALL ?? 10);
const RAW_REQUESTS = Number(process.env.BENCH_RAW_REQUESTS ?? 2000);
const PASSWORD = 'bench-secret';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
const round = (n: number) => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const sim = await Simulator.start({
    esl: { host: '127.0.0.1', port: 0, password: PASSWORD },
    clock: { mode: 'manual' },
    heartbeatMs: 0,
  });
  const schema = await createTestSchema({ prefix: 'mbbench', poolSize: 4 });
  const store = await openEventStore({ databaseUrl: schema.url, registry: eventRegistry });
  const nats = await createTestNats();
  const node = startMediaNode({
    node: { name: 'bench', host: '127.0.0.1', port: sim.esl.port ?? 0, password: PASSWORD },
    store,
    nc: nats.nc,
    subjectPrefix: nats.prefix,
  });
  const seen = new Map<string, number>();
  node.esl.onEvent((e) => {
    if (e.kind === 'park' || e.kind === 'answer' || e.kind === 'hangup')
      seen.set(`${e.uuid}/${e.kind}`, Date.now());
  });
  try {
    await waitFor(() => node.resyncs() >= 1, { what: 'bridge connected' });
    const send = async <Q extends TSchema, R extends TSchema>(
      spec: CommandSpec<Q, R>,
      payload: Static<Q>,
      rtts: number[],
    ) => {
      const t0 = performance.now();
      await sendCommand(nats.nc, spec, payload, {
        timeoutMs: 30_000,
        subjectPrefix: nats.prefix,
        params: { node: 'bench' },
      });
      rtts.push(performance.now() - t0);
    };
    const rtts: number[] = [];
    const started = performance.now();
    const callIds = await Promise.all(
      Array.from({ length: CALLS }, async (_, i) => {
        const callId = sim.placeCall({
          from: `+1555${String(1_000_000 + i)}`,
          to: '+18005550100',
          variables: { hotline_tenant: 'bench' },
        }).uuid;
        await waitFor(() => node.book.get(callId) !== undefined, { what: 'call tracked', intervalMs: 2 });
        await send(Answer, { callId }, rtts);
        for (let k = 0; k < BREAKS_PER_CALL; k++) await send(Break, { callId }, rtts);
        await send(Hangup, { callId }, rtts);
        return callId;
      }),
    );
    const commandSeconds = (performance.now() - started) / 1000;
    await node.writer.drain();
    const factLatency: number[] = [];
    const kindOf: Record<string, string> = {
      CallArrived: 'park',
      CallAnswered: 'answer',
      CallHungUp: 'hangup',
    };
    for (const callId of callIds) {
      for (const e of await store.readStream(streams.call(callId))) {
        const at = seen.get(`${callId}/${kindOf[e.type] ?? ''}`);
        if (at !== undefined) factLatency.push(e.recordedAt.getTime() - at);
      }
    }
    const raw: number[] = [];
    const subject = `${nats.prefix}.bench.echo`;
    const echo = nats.nc.subscribe(subject, { callback: (_err, msg) => void msg.respond(msg.data) });
    for (let i = 0; i < RAW_REQUESTS; i++) {
      const t0 = performance.now();
      await nats.nc.request(subject, 'x', { timeout: 5000 });
      raw.push(performance.now() - t0);
    }
    echo.unsubscribe();
    const result = {
      bench: 'media',
      metric: 'command_rtt_p99_ms',
      value: round(percentile(rtts, 99)),
      unit: 'ms',
      calls: CALLS,
      commands: rtts.length,
      command_rtt_p50_ms: round(percentile(rtts, 50)),
      commands_per_s: round(rtts.length / commandSeconds),
      fact_latency_p50_ms: round(percentile(factLatency, 50)),
      fact_latency_p99_ms: round(percentile(factLatency, 99)),
      facts_measured: factLatency.length,
      nats_rtt_p50_ms: round(percentile(raw, 50)),
      nats_rtt_p99_ms: round(percentile(raw, 99)),
    };
    process.stderr.write(
      `media bench: ${CALLS} calls, ${rtts.length} commands in ${round(commandSeconds)} s\n` +
        `  command rtt p50 ${result.command_rtt_p50_ms} ms, p99 ${result.value} ms, ${result.commands_per_s}/s\n` +
        `  ESL event -> stored fact p50 ${result.fact_latency_p50_ms} ms, p99 ${result.fact_latency_p99_ms} ms (${factLatency.length} facts)\n` +
        `  raw NATS request/reply p50 ${result.nats_rtt_p50_ms} ms, p99 ${result.nats_rtt_p99_ms} ms\n`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await node.stop();
    await sim.stop();
    await nats.cleanup();
    await store.close();
    await schema.drop();
  }
}

await main();
