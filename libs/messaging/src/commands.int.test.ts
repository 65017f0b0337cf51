import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Type } from '@sinclair/typebox';
import { NotFoundError, ValidationError } from '@hotline/contracts';
import { createTestNats, type TestNats } from '@hotline/test-kit';
import { defineCommand, sendCommand, serveCommand, type CommandServer } from './commands.js';
import {
  CommandResponseInvalidError,
  CommandTimeoutError,
  NoRespondersError,
  RemoteCommandError,
} from './errors.js';
import { decodeJson, encodeJson } from './json.js';
import type { Logger } from './logger.js';

const Answer = defineCommand({
  subject: 'hl.cmd.media.{node}.answer',
  request: Type.Object({ callId: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
  response: Type.Object({ answeredAt: Type.String() }, { additionalProperties: false }),
});

function recordingLogger(): Logger & { errors: object[] } {
  const errors: object[] = [];
  return {
    errors,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (f) => errors.push(f),
  };
}

describe('typed commands over request/reply', () => {
  let t: TestNats;
  const servers: CommandServer[] = [];
  const opts = () => ({ subjectPrefix: t.prefix, params: { node: 'fs1' } });

  beforeEach(async () => {
    t = await createTestNats();
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop();
    await t.cleanup();
  });

  it('delivers a valid request to the handler and returns its response', async () => {
    const seen: unknown[] = [];
    servers.push(
      serveCommand(
        t.nc,
        Answer,
        (req, ctx) => {
          seen.push({ req, subject: ctx.subject });
          return { answeredAt: `at-${req.callId}` };
        },
        { ...opts(), queue: 'media' },
      ),
    );
    const res = await sendCommand(t.nc, Answer, { callId: 'c1' }, { ...opts(), timeoutMs: 2000 });
    expect(res).toEqual({ answeredAt: 'at-c1' });
    expect(seen).toEqual([{ req: { callId: 'c1' }, subject: `${t.prefix}.hl.cmd.media.fs1.answer` }]);
  });

  it('rejects an invalid request with COMMAND_INVALID and never calls the handler', async () => {
    let calls = 0;
    servers.push(serveCommand(t.nc, Answer, () => ({ answeredAt: String(++calls) }), opts()));
    // The client refuses to send it…
    await expect(
      sendCommand(t.nc, Answer, { callId: '' }, { ...opts(), timeoutMs: 2000 }),
    ).rejects.toMatchObject({ code: 'COMMAND_INVALID', kind: 'invalid' });
    // …and a client that bypasses validation gets a typed error reply.
    const subject = `${t.prefix}.hl.cmd.media.fs1.answer`;
    for (const raw of [encodeJson({ callId: 7, extra: true }), new TextEncoder().encode('{not json')]) {
      const reply = await t.nc.request(subject, raw, { timeout: 2000 });
      const decoded = decodeJson(reply.data);
      expect(decoded).toMatchObject({
        ok: true,
        value: { ok: false, error: { code: 'COMMAND_INVALID', kind: 'invalid' } },
      });
    }
    expect(calls).toBe(0);
  });

  it('maps a thrown HotlineError to its code and kind, anything else to INTERNAL without leaking', async () => {
    const logger = recordingLogger();
    servers.push(
      serveCommand(
        t.nc,
        Answer,
        (req) => {
          if (req.callId === 'missing')
            throw new NotFoundError('CALL_NOT_FOUND', 'no such call', { details: { callId: 'missing' } });
          if (req.callId === 'bad') throw new ValidationError('CALL_STATE_INVALID', 'call already ended');
          throw new Error('db password is hunter2');
        },
        { ...opts(), logger },
      ),
    );
    const send = (callId: string) => sendCommand(t.nc, Answer, { callId }, { ...opts(), timeoutMs: 2000 });
    const notFound = await send('missing').catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(RemoteCommandError);
    expect(notFound).toMatchObject({
      code: 'CALL_NOT_FOUND',
      kind: 'not_found',
      message: 'no such call',
      details: { callId: 'missing' },
    });
    await expect(send('bad')).rejects.toMatchObject({ code: 'CALL_STATE_INVALID', kind: 'invalid' });
    const internal = await send('boom').catch((e: unknown) => e);
    expect(internal).toMatchObject({ code: 'INTERNAL', kind: 'internal', message: 'internal error' });
    expect(JSON.stringify(internal)).not.toContain('hunter2');
    expect(logger.errors).toHaveLength(1);
  });

  it('times out with COMMAND_TIMEOUT when the handler does not answer in time', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    servers.push(
      serveCommand(
        t.nc,
        Answer,
        async () => {
          await held;
          return { answeredAt: 'late' };
        },
        opts(),
      ),
    );
    const error = await sendCommand(t.nc, Answer, { callId: 'c1' }, { ...opts(), timeoutMs: 150 }).catch(
      (e: unknown) => e,
    );
    release();
    expect(error).toBeInstanceOf(CommandTimeoutError);
    expect(error).toMatchObject({ code: 'COMMAND_TIMEOUT', kind: 'timeout' });
  });

  it('fails fast with NO_RESPONDERS when nobody serves the subject', async () => {
    const started = Date.now();
    const error = await sendCommand(t.nc, Answer, { callId: 'c1' }, { ...opts(), timeoutMs: 5000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NoRespondersError);
    expect(error).toMatchObject({ code: 'NO_RESPONDERS', kind: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a response that breaks the schema, on both sides', async () => {
    const logger = recordingLogger();
    // A handler that breaks its own contract: the server replies with an error instead.
    servers.push(
      serveCommand(t.nc, Answer, () => ({ answeredAt: 42 }) as unknown as { answeredAt: string }, {
        ...opts(),
        logger,
      }),
    );
    await expect(
      sendCommand(t.nc, Answer, { callId: 'c1' }, { ...opts(), timeoutMs: 2000 }),
    ).rejects.toMatchObject({ code: 'COMMAND_RESPONSE_INVALID', kind: 'internal' });
    expect(logger.errors).toHaveLength(1);
    // A rogue responder (not using serveCommand): the client validates what it receives.
    const other = { subjectPrefix: t.prefix, params: { node: 'rogue' } };
    const rogue = t.nc.subscribe(`${t.prefix}.hl.cmd.media.rogue.answer`, {
      callback: (_e, msg) => {
        msg.respond(encodeJson(msg.data.length > 20 ? { ok: true, data: { answeredAt: 1 } } : 'nonsense'));
      },
    });
    const wrongData = await sendCommand(
      t.nc,
      Answer,
      { callId: 'long-enough-call-id' },
      { ...other, timeoutMs: 2000 },
    ).catch((e: unknown) => e);
    expect(wrongData).toBeInstanceOf(CommandResponseInvalidError);
    const notEnvelope = await sendCommand(t.nc, Answer, { callId: 'c' }, { ...other, timeoutMs: 2000 }).catch(
      (e: unknown) => e,
    );
    expect(notEnvelope).toMatchObject({ code: 'COMMAND_RESPONSE_INVALID' });
    rogue.unsubscribe();
  });

  it('rejects subject parameters that would change the routing', async () => {
    await expect(
      sendCommand(
        t.nc,
        Answer,
        { callId: 'c1' },
        { subjectPrefix: t.prefix, params: { node: 'a.*' }, timeoutMs: 100 },
      ),
    ).rejects.toMatchObject({ code: 'SUBJECT_INVALID' });
  });
});
