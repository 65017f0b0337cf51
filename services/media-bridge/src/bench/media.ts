// `npm run bench:media`: BENCH_CALLS concurrent simulated calls through one bridge process (the
// simulator runs in a child process, as FreeSWITCH would; real PostgreSQL and NATS, all on 127.0.0.1).
// Each call is driven like an IVR session: its commands go one after the other, each once the previous
// one has returned. Calls start over a ramp, then hold (music) until every call is up, so all of them
// are live at once; then each resumes, breaks, holds and resumes again and hangs up. Measures command
// round trips, ESL event → stored fact latency, the raw NATS request/reply round trip during the same
// load, and checks every call stream for lost or duplicated facts. Ends with one JSON line.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventRegistry, streams } from '@hotline/contracts';
import { openEventStore } from '@hotline/event-store/factory';
import { sendCommand, type CommandSpec } from '@hotline/messaging';
import { createTestNats, createTestSchema, waitFor } from '@hotline/test-kit';
import type { Static, TSchema } from '@sinclair/typebox';
import { Answer, Break, Hangup, Hold, Resume } from '../commands/specs.js';
import { startMediaNode } from '../media-node.js';
import { startSimProcess } from './sim-process.js';
import { factDiff, percentile, round, sleepUntil } from './stats.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const RAMP_MS = Number(process.env.BENCH_RAMP_MS ?? 20_000);
const BREAKS_PER_CALL = Number(process.env.BENCH_COMMANDS_PER_CALL ?? 4);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 20);
const RAW_REQUESTS = Number(process.env.BENCH_RAW_REQUESTS ?? 2000);
const PASSWORD = 'bench-secret';

async function main(): Promise<void> {
  const sim = await startSimProcess(PASSWORD);
  const schema = await createTestSchema({ prefix: 'mbbench', poolSize: 4 });
  const store = await openEventStore({ databaseUrl: schema.url, registry: eventRegistry });
  const nats = await createTestNats();
  const node = startMediaNode({
    node: { name: 'bench', host: '127.0.0.1', port: sim.eslPort, password: PASSWORD },
    store,
    nc: nats.nc,
    subjectPrefix: nats.prefix,
  });
  const seen = new Map<string, number>();
  node.esl.onEvent((e) => {
    if (e.kind === 'park' || e.kind === 'answer' || e.kind === 'hangup')
      seen.set(`${e.uuid}/${e.kind}`, Date.now());
  });
  const echoSubject = `${nats.prefix}.bench.echo`;
  const echo = nats.nc.subscribe(echoSubject, { callback: (_err, msg) => void msg.respond(msg.data) });
  const rawRtt = async (): Promise<number> => {
    const t0 = performance.now();
    await nats.nc.request(echoSubject, 'x', { timeout: 5000 });
    return performance.now() - t0;
  };
  try {
    await waitFor(() => node.resyncs() >= 1, { what: 'bridge connected' });
    const rtts: number[] = [];
    const byVerb: Record<string, number[]> = {};
    const send = async <Q extends TSchema, R extends TSchema>(
      spec: CommandSpec<Q, R>,
      payload: Static<Q>,
    ) => {
      const t0 = performance.now();
      await sendCommand(nats.nc, spec, payload, {
        timeoutMs: 30_000,
        subjectPrefix: nats.prefix,
        params: { node: 'bench' },
      });
      const ms = performance.now() - t0;
      rtts.push(ms);
      (byVerb[spec.subject.split('.').pop() ?? ''] ??= []).push(ms);
      if (THINK_MS > 0) await sleep(THINK_MS);
    };
    let live = 0;
    let maxLive = 0;
    let done = false;
    // Raw NATS round trips taken all through the load, from the same process and event loop.
    const loadedRaw: number[] = [];
    const rawLoop = (async () => {
      while (!done) {
        loadedRaw.push(await rawRtt());
        await sleep(10);
      }
    })();
    const started = performance.now();
    const rampEnd = started + RAMP_MS;
    const callIds = await Promise.all(
      Array.from({ length: CALLS }, async (_, i) => {
        const offset = (i * RAMP_MS) / CALLS;
        await sleepUntil(started + offset, performance.now());
        const callId = await sim.placeCall({
          from: `+1555${String(1_000_000 + i)}`,
          to: '+18005550100',
          variables: { hotline_tenant: 'bench' },
        });
        maxLive = Math.max(maxLive, ++live);
        await waitFor(() => node.book.get(callId) !== undefined, { what: 'call tracked', intervalMs: 5 });
        await send(Answer, { callId });
        await send(Hold, { callId });
        // Every call waits on hold until the last one is up: the peak is all calls live at once.
        await sleepUntil(rampEnd + offset, performance.now());
        await send(Resume, { callId });
        for (let k = 0; k < BREAKS_PER_CALL; k++) await send(Break, { callId });
        await send(Hold, { callId });
        await send(Resume, { callId });
        await send(Hangup, { callId });
        live--;
        return callId;
      }),
    );
    const commandSeconds = (performance.now() - started) / 1000;
    done = true;
    await rawLoop;
    await node.writer.drain();
    // The hang-up facts follow the uuid_kill reply: wait until every call has ended in the book.
    await waitFor(() => callIds.every((id) => node.book.get(id)?.ended ?? true), {
      what: 'calls ended',
      timeoutMs: 30_000,
    });
    await node.writer.drain();
    const factLatency: number[] = [];
    const kindOf: Record<string, string> = {
      CallArrived: 'park',
      CallAnswered: 'answer',
      CallHungUp: 'hangup',
    };
    let lost = 0;
    let duplicated = 0;
    for (const callId of callIds) {
      const facts = await store.readStream(streams.call(callId));
      const diff = factDiff(facts.map((e) => e.type));
      lost += diff.lost;
      duplicated += diff.duplicated;
      for (const e of facts) {
        const at = seen.get(`${callId}/${kindOf[e.type] ?? ''}`);
        if (at !== undefined) factLatency.push(e.recordedAt.getTime() - at);
      }
    }
    const idleRaw: number[] = [];
    for (let i = 0; i < RAW_REQUESTS; i++) idleRaw.push(await rawRtt());
    const p99 = round(percentile(rtts, 99));
    const natsP99 = round(percentile(loadedRaw, 99));
    const result = {
      bench: 'media',
      metric: 'command_rtt_p99_ms',
      value: p99,
      unit: 'ms',
      calls: CALLS,
      max_concurrent_calls: maxLive,
      ramp_ms: RAMP_MS,
      think_ms: THINK_MS,
      commands: rtts.length,
      command_rtt_p50_ms: round(percentile(rtts, 50)),
      commands_per_s: round(rtts.length / commandSeconds),
      fact_latency_p50_ms: round(percentile(factLatency, 50)),
      fact_latency_p99_ms: round(percentile(factLatency, 99)),
      facts_measured: factLatency.length,
      lost,
      duplicated,
      nats_rtt_p50_ms: round(percentile(loadedRaw, 50)),
      nats_rtt_p99_ms: natsP99,
      command_minus_nats_p99_ms: round(p99 - natsP99),
      nats_idle_rtt_p50_ms: round(percentile(idleRaw, 50)),
      nats_idle_rtt_p99_ms: round(percentile(idleRaw, 99)),
    };
    process.stderr.write(
      `media bench: ${String(CALLS)} calls (max ${String(maxLive)} live at once), ${String(rtts.length)} commands in ${String(round(commandSeconds))} s\n` +
        `  command rtt p50 ${String(result.command_rtt_p50_ms)} ms, p99 ${String(p99)} ms, ${String(result.commands_per_s)}/s\n` +
        `  ESL event -> stored fact p50 ${String(result.fact_latency_p50_ms)} ms, p99 ${String(result.fact_latency_p99_ms)} ms (${String(factLatency.length)} facts)\n` +
        `  lost: ${String(lost)}, duplicated: ${String(duplicated)}\n` +
        `  raw NATS request/reply under load p50 ${String(result.nats_rtt_p50_ms)} ms, p99 ${String(natsP99)} ms; idle p50 ${String(result.nats_idle_rtt_p50_ms)} ms, p99 ${String(result.nats_idle_rtt_p99_ms)} ms\n`,
    );
    for (const [verb, v] of Object.entries(byVerb))
      process.stderr.write(
        `  ${verb}: p50 ${String(round(percentile(v, 50)))} ms, p99 ${String(round(percentile(v, 99)))} ms\n`,
      );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    echo.unsubscribe();
    await node.stop();
    await sim.stop();
    await nats.cleanup();
    await store.close();
    await schema.drop();
  }
}

await main();
