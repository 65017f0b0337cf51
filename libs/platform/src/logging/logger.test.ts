import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, withContext } from './logger.js';
import { maskDigits, maskText, sanitize } from './mask.js';

function capture(): { lines: () => Record<string, unknown>[]; raw: () => string; stream: Writable } {
  let buffer = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      buffer += chunk.toString();
      done();
    },
  });
  return {
    stream,
    raw: () => buffer,
    lines: () =>
      buffer
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines with service, pid, level label and time', () => {
    const out = capture();
    const logger = createLogger({ service: 'acd', level: 'debug', destination: out.stream });
    logger.debug({ queueId: 'sales' }, 'hello');
    const [line] = out.lines();
    expect(line).toMatchObject({ service: 'acd', pid: process.pid, level: 'debug', msg: 'hello' });
    expect(typeof line?.time).toBe('string');
  });

  it('respects the level', () => {
    const out = capture();
    const logger = createLogger({ service: 'acd', level: 'warn', destination: out.stream });
    logger.info('quiet');
    logger.warn('loud');
    expect(out.lines().map((l) => l.msg)).toEqual(['loud']);
  });

  it('redacts secrets by key at any depth and in text', () => {
    const out = capture();
    const logger = createLogger({ service: 'acd', destination: out.stream });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer hl_abc_def', 'x-other': 'ok' } },
        config: { password: 'hunter2', apiKey: 'k', nested: [{ clientSecret: 's', accessToken: 't' }] },
        url: 'postgres://app:s3cret@db:5432/hotline',
      },
      'connecting with Bearer abc.def and hl_k1234_0123456789abcdef',
    );
    const raw = out.raw();
    for (const secret of ['hunter2', 's3cret', 'abc.def', '0123456789abcdef', '"k"', '"s"', '"t"']) {
      expect(raw).not.toContain(secret);
    }
    const [line] = out.lines();
    expect(line).toMatchObject({
      req: { headers: { authorization: '[REDACTED]', 'x-other': 'ok' } },
      config: { password: '[REDACTED]', apiKey: '[REDACTED]' },
      url: 'postgres://app:[REDACTED]@db:5432/hotline',
      msg: 'connecting with Bearer [REDACTED] and hl_k1234_[REDACTED]',
    });
  });

  it('masks phone numbers by field name and inside any string, keeping the last 4 digits', () => {
    const out = capture();
    const logger = createLogger({ service: 'media-bridge', destination: out.stream });
    logger.info(
      { callerNumber: '+4915112345678', dnis: '0800 123 45', ani: 4930123456, to: 'sip:1001@pbx', note: 'x' },
      'call from +4915112345678 to sip:+4930123456@gw',
    );
    const [line] = out.lines();
    expect(line).toMatchObject({
      callerNumber: '+*********5678',
      dnis: '**** *23 45',
      ani: '******3456',
      to: 'sip:1001@pbx',
      msg: 'call from +*********5678 to sip:+******3456@gw',
    });
    expect(out.raw()).not.toContain('4915112345678');
  });

  it('masks what serializers add (error messages and stacks)', () => {
    const out = capture();
    const logger = createLogger({ service: 'ivr', destination: out.stream });
    logger.error({ err: new Error('caller +4915112345678 rejected') }, 'failed');
    const [line] = out.lines();
    const err = line?.err as { message: string; stack: string };
    expect(err.message).toBe('caller +*********5678 rejected');
    expect(err.stack).not.toContain('4915112345678');
  });

  it('adds correlation fields on child loggers and masks their bindings too', () => {
    const out = capture();
    const logger = createLogger({ service: 'acd', destination: out.stream });
    const child = withContext(logger, { callId: '0193a5b2-7c3e-7def-8123-456789012345', tenantId: 'acme' });
    withContext(child, { agentId: 'alice', callId: undefined }).info('offered');
    logger.child({ phoneNumber: '+4915112345678' }).info('bound');
    const [first, second] = out.lines();
    expect(first).toMatchObject({
      callId: '0193a5b2-7c3e-7def-8123-456789012345',
      tenantId: 'acme',
      agentId: 'alice',
    });
    expect(second).toMatchObject({ phoneNumber: '+*********5678' });
  });
});

describe('masking rules', () => {
  it('keeps the last four digits', () => {
    expect(maskDigits('+4915112345678')).toBe('+*********5678');
    expect(maskDigits('123')).toBe('123');
    expect(maskDigits('anonymous')).toBe('anonymous');
  });

  it('leaves UUIDs, short numbers, timestamps and dotted ids alone', () => {
    const text =
      'call 0193a5b2-7c3e-7def-8123-456789012345 at 2026-01-01T10:00:00.000Z, 3 of 123456, v1.2345678';
    expect(maskText(text)).toBe(text);
  });

  it('masks long digit runs in query strings and URIs', () => {
    expect(maskText('/x?from=4915112345678&token=abc')).toBe('/x?from=*********5678&token=[REDACTED]');
    expect(maskText('tel:+4915112345678')).toBe('tel:+*********5678');
  });

  it('does not touch numbers under ordinary keys', () => {
    expect(sanitize({ durationMs: 12345678, streamRevisionNumber: 12 })).toEqual({
      durationMs: 12345678,
      streamRevisionNumber: 12,
    });
  });
});
