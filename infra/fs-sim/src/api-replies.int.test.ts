/** The command sequence of fixtures/esl/03_api_replies.esl, replayed: same replies, same event gating. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './simulator.js';
import type { EslTestClient } from './test-support/esl-client.js';
import { header, loadCapture, orderedJson, type Frame } from './test-support/frames.js';
import { client, execute, startSim } from './test-support/harness.js';
import { eventName, sequenceOf } from './test-support/structure.js';

let sim: Simulator | undefined;
let esl: EslTestClient | undefined;

afterEach(async () => {
  esl?.close();
  await sim?.stop();
});

const CAP_UUID = 'bf0e6694-f539-4a5e-9c95-9cf54f110050';
const DEAD = '00000000-0000-4000-8000-00000000dead';

/** Reply frames (not events), as "Reply-Text" or the api body. */
function replies(frames: readonly Frame[]): string[] {
  return frames
    .filter((f) => {
      const ct = header(f, 'Content-Type');
      return ct === 'command/reply' || ct === 'api/response' || ct === 'text/disconnect-notice';
    })
    .map((f) =>
      header(f, 'Content-Type') === 'command/reply' ? (header(f, 'Reply-Text') ?? '') : (f.body ?? ''),
    );
}

describe('api and command replies (03_api_replies.esl)', () => {
  it('answers the captured command sequence with the captured texts', async () => {
    sim = await startSim();
    esl = await client(sim);
    const call = sim.placeCall({
      from: '5551234',
      callerName: 'Caller 5551234',
      to: '9610',
      source: '127.0.0.1:5070',
    });
    await esl.waitForEvent('CHANNEL_PARK');
    await (await execute(esl, call.uuid, 'answer')).complete();
    const u = call.uuid;
    const sipCallId = call.vars.get('sip_call_id') ?? '';
    const show = await esl.command('api show channels as json');
    for (const cmd of [
      `api uuid_exists ${u}`,
      `api uuid_exists ${DEAD}`,
      `api uuid_getvar ${u} sip_call_id`,
      `api uuid_getvar ${u} no_such_variable`,
      `api uuid_getvar ${DEAD} sip_call_id`,
      `api uuid_break ${u}`,
      `api uuid_kill ${DEAD}`,
      'api no_such_command arg',
    ]) {
      await esl.command(cmd);
    }
    await esl.command('bgapi status', { 'Job-UUID': 'b9b90003-0000-4000-8000-000000000001' });
    await esl.waitForEvent('BACKGROUND_JOB');
    await esl.command(`sendmsg ${DEAD}`, {
      'call-command': 'execute',
      'execute-app-name': 'answer',
      'Event-UUID': 'c0ffee03-0000-4000-8000-000000000002',
    });
    await esl.command(`filter Unique-ID ${u}`);
    const filteredFrom = esl.frames.length;
    const set1 = await execute(
      esl,
      u,
      'set',
      'escapture_filtered=yes',
      'c0ffee03-0000-4000-8000-000000000003',
    );
    await set1.complete();
    await esl.waitForEvent(
      'PRIVATE_COMMAND',
      (e) => e.get('Event-UUID') === 'c0ffee03-0000-4000-8000-000000000003',
    );
    await esl.command(`filter delete Unique-ID ${u}`);
    await esl.command('nixevent CHANNEL_EXECUTE CHANNEL_EXECUTE_COMPLETE');
    const nixedFrom = esl.frames.length;
    await execute(esl, u, 'set', 'escapture_after_nixevent=yes', 'c0ffee03-0000-4000-8000-000000000004');
    await esl.waitForEvent(
      'PRIVATE_COMMAND',
      (e) => e.get('Event-UUID') === 'c0ffee03-0000-4000-8000-000000000004',
    );
    await esl.command(`api uuid_kill ${u}`);
    await esl.waitForEvent('CHANNEL_STATE', (e) => e.get('Channel-State') === 'CS_DESTROY');
    await esl.command('noevents');
    await esl.command('exit');
    await esl.waitClosed();

    const cap = loadCapture('03_api_replies.esl');
    const expected = replies(cap)
      .map((t) => t.replaceAll(CAP_UUID, u).replace('1-26875@127.0.0.1', sipCallId))
      .filter((t) => !t.startsWith('{"row_count"') && !t.startsWith('UP '));
    const got = replies(esl.frames).filter((t) => !t.startsWith('{"row_count"') && !t.startsWith('UP '));
    expect(got).toEqual(expected);

    const capShow = JSON.parse(replies(cap).find((t) => t.startsWith('{"row_count"')) ?? '{}') as {
      rows: Record<string, string>[];
    };
    const simShow = JSON.parse(show.body ?? '{}') as { row_count: number; rows: Record<string, string>[] };
    expect(simShow.row_count).toBe(1);
    expect(Object.keys(simShow.rows[0] ?? {})).toEqual(Object.keys(capShow.rows[0] ?? {}));
    const pick = (r?: Record<string, string>) =>
      ['direction', 'state', 'application', 'callstate', 'dest', 'cid_num', 'context', 'read_codec'].map(
        (k) => r?.[k],
      );
    expect(pick(simShow.rows[0])).toEqual(pick(capShow.rows[0]));

    const filtered = esl.frames
      .slice(filteredFrom, nixedFrom)
      .filter((f) => header(f, 'Content-Type') === 'text/event-json');
    expect(filtered.every((f) => (f.body ?? '').includes(`"Unique-ID":"${u}"`))).toBe(true);
    const afterNix = esl.frames
      .slice(nixedFrom)
      .filter((f) => header(f, 'Content-Type') === 'text/event-json');
    expect(afterNix.some((f) => (f.body ?? '').includes('"Event-Name":"CHANNEL_EXECUTE'))).toBe(false);
    const capEvents = cap.filter((f) => header(f, 'Content-Type') === 'text/event-json');
    const capHangup = capEvents.findIndex((f) => (f.body ?? '').includes('"Event-Name":"CHANNEL_HANGUP"'));
    const capTail = sequenceOf(
      capEvents.slice(capHangup).map((f) => orderedJson(f.body ?? '')),
      CAP_UUID,
    );
    const simTail = esl.events().map((e) => e.headers);
    const hangupAt = simTail.findIndex((e) => eventName(e) === 'CHANNEL_HANGUP');
    expect(sequenceOf(simTail.slice(hangupAt), u)).toEqual(capTail);
  });
});
