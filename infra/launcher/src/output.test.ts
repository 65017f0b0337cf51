import { describe, expect, it } from 'vitest';
import { formatLogLine, LineSplitter, prefixFor } from './output.js';

describe('LineSplitter', () => {
  it('emits whole lines only and keeps the partial rest for later', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('one\ntw')).toEqual(['one']);
    expect(splitter.push('o\r\nthree')).toEqual(['two']);
    expect(splitter.flush()).toEqual(['three']);
    expect(splitter.flush()).toEqual([]);
  });
});

describe('formatLogLine', () => {
  it('turns a pino line into time, level, message and the remaining fields', () => {
    const line = JSON.stringify({
      level: 'info',
      time: '2026-11-24T04:13:44.904Z',
      service: 'acd',
      pid: 1,
      port: 3001,
      host: '127.0.0.1',
      msg: 'acd ready to serve',
    });
    expect(formatLogLine(line)).toBe('04:13:44 INFO  acd ready to serve port=3001 host=127.0.0.1');
  });

  it('passes other lines through unchanged', () => {
    expect(formatLogLine('acd: Invalid configuration:')).toBe('acd: Invalid configuration:');
    expect(formatLogLine('{not json')).toBe('{not json');
  });
});

describe('prefixFor', () => {
  it('pads names to one width, colouring only for a terminal', () => {
    expect(prefixFor('acd', 0, 12, false)).toBe('[acd]          ');
    expect(prefixFor('acd', 0, 12, true)).toBe('\u001b[36m[acd]         \u001b[0m ');
  });
});
