import { describe, expect, it } from 'vitest';
import { assertSingleLines } from './wire.js';

describe('assertSingleLines', () => {
  it('passes ordinary commands and headers', () => {
    expect(() =>
      assertSingleLines('sendmsg 9f3c', { 'execute-app-name': 'playback', 'execute-app-arg': '/x y.wav' }),
    ).not.toThrow();
  });

  it.each([
    ['a command', 'api status\nexit', undefined, 'command'],
    [
      'a header value',
      'sendmsg 9f3c',
      { 'execute-app-arg': 'a.wav\ncall-command: hangup' },
      'execute-app-arg',
    ],
    ['a carriage return', 'sendmsg 9f3c', { 'execute-app-arg': 'a.wav\r' }, 'execute-app-arg'],
  ])('refuses a line break in %s with ESL_ARGUMENT_INVALID', (_what, command, headers, field) => {
    let caught: unknown;
    try {
      assertSingleLines(command, headers);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'ESL_ARGUMENT_INVALID' });
    expect((caught as Error).message).toContain(field);
  });
});
