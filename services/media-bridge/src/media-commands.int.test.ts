/** The media commands not covered by the call-flow test: play, hold/resume, break, record, eavesdrop, errors. */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@hotline/test-kit';
import {
  Answer,
  Break,
  Collect,
  Eavesdrop,
  Hold,
  Play,
  RecordStart,
  RecordStop,
  Resume,
  Transfer,
} from './commands/specs.js';
import { startWorld, type World } from './test-support/world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function answeredCall(w: World, inputs: { digits: string; delayMs?: number }[] = []): Promise<string> {
  const callId = w.sim.placeCall({
    from: '+15551112222',
    to: '+18005550100',
    variables: { hotline_tenant: 'acme' },
    inputs,
  }).uuid;
  await waitFor(async () => (await w.facts(callId)).length === 1, { what: 'CallArrived' });
  await w.send(Answer, { callId });
  return callId;
}

const factTypes = async (w: World, callId: string, n: number) => {
  await waitFor(async () => (await w.facts(callId)).length >= n, { what: `${n} facts` });
  return (await w.facts(callId)).map((f) => f.type);
};

describe('media commands', () => {
  it('play: a tone is played; break ends a long one early', async () => {
    const w = (world = await startWorld());
    const callId = await answeredCall(w);
    const played = w.send(Play, { callId, media: 'tone_stream://%(1000,0,440)' });
    await w.advanceOnceRunning(callId, 'playback', 1000);
    expect(await played).toEqual({ result: 'played' });
    const long = w.send(Play, { callId, media: 'tone_stream://%(60000,0,440)' });
    await waitFor(() => w.events.some((e) => e.kind === 'playback-start' && e.file.includes('60000')), {
      what: 'long prompt playing',
    });
    expect(await w.send(Break, { callId })).toEqual({ ok: true });
    // uuid_break still reports FILE PLAYED (ESL.md B12); only PLAYBACK_STOP says "break".
    expect(await long).toEqual({ result: 'played' });
    expect(w.events.some((e) => e.kind === 'playback-stop' && e.status === 'break')).toBe(true);
  });

  it('hold with music and resume write CallHeld / CallResumed', async () => {
    const w = (world = await startWorld());
    const callId = await answeredCall(w);
    expect(await w.send(Hold, { callId })).toEqual({ ok: true });
    await w.sim.clock.advance(7000);
    expect(await w.send(Resume, { callId })).toEqual({ ok: true });
    expect(await factTypes(w, callId, 4)).toEqual(['CallArrived', 'CallAnswered', 'CallHeld', 'CallResumed']);
    expect((await w.facts(callId))[3]?.data).toMatchObject({ heldMs: 7000 });
    expect(w.events.some((e) => e.kind === 'playback-stop' && e.file === 'local_stream://moh')).toBe(true);
  });

  it('record start/stop write the recording facts from RECORD_START/RECORD_STOP', async () => {
    const w = (world = await startWorld());
    const callId = await answeredCall(w);
    await w.send(RecordStart, { callId, path: '/rec/call.wav' });
    await w.sim.clock.advance(4000);
    await w.send(RecordStop, { callId, path: '/rec/call.wav' });
    expect(await factTypes(w, callId, 4)).toEqual([
      'CallArrived',
      'CallAnswered',
      'CallRecordingStarted',
      'CallRecordingStopped',
    ]);
    const [, , started, stopped] = await w.facts(callId);
    expect(stopped?.data).toMatchObject({ path: '/rec/call.wav', durationMs: 4000, reason: 'requested' });
    expect((stopped?.data as { recordingId?: string }).recordingId).toBe(
      (started?.data as { recordingId?: string }).recordingId,
    );
  });

  it('eavesdrop: a supervisor leg listens to a live call', async () => {
    const w = (world = await startWorld());
    const callId = await answeredCall(w);
    const supervisor = w.sim.placeCall({ from: '2001', to: '+18005550199' }).uuid;
    await waitFor(() => w.events.some((e) => e.kind === 'park' && e.uuid === supervisor), {
      what: 'supervisor parked',
    });
    expect(await w.send(Eavesdrop, { callId, supervisorLegId: supervisor, mode: 'whisper' })).toEqual({
      ok: true,
    });
    await waitFor(
      () =>
        w.events.some((e) => e.kind === 'execute' && e.uuid === supervisor && e.application === 'eavesdrop'),
      { what: 'eavesdrop running' },
    );
  });

  it('commands on an unknown call fail with CALL_NOT_FOUND; bad payloads with COMMAND_INVALID', async () => {
    const w = (world = await startWorld());
    const unknown = '0195f7a4-0000-7000-8000-000000000000';
    await expect(
      w.send(Play, { callId: unknown, media: 'tone_stream://%(100,0,440)' }),
    ).rejects.toMatchObject({
      code: 'CALL_NOT_FOUND',
    });
    await expect(w.send(Answer, { callId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'COMMAND_INVALID' });
  });

  it('collect: no input, and input that fails the regex (read from the channel variables)', async () => {
    const w = (world = await startWorld());
    const callId = await answeredCall(w, [{ digits: '9#', delayMs: 300 }]);
    const req = {
      callId,
      minDigits: 1,
      maxDigits: 2,
      tries: 1,
      timeoutMs: 1000,
      prompt: 'silence_stream://100',
    };
    const invalid = w.send(Collect, { ...req, regex: '[12]' });
    await w.advanceOnceRunning(callId, 'play_and_get_digits', 3000);
    expect(await invalid).toMatchObject({ outcome: 'invalid', digits: '9' });
    const none = w.send(Collect, req);
    await w.advanceOnceRunning(callId, 'play_and_get_digits', 3000, 2);
    expect(await none).toEqual({ outcome: 'no-input', digits: '' });
  });

  it('transfer: a blind transfer into the dialplan is accepted', async () => {
    const w = (world = await startWorld());
    const callId = await answeredCall(w);
    expect(await w.send(Transfer, { callId, destination: '9999' })).toEqual({ ok: true });
    await expect(w.send(Transfer, { callId, destination: 'bad dest' })).rejects.toMatchObject({
      code: 'COMMAND_INVALID',
    });
  });
});
