import { describe, expect, it } from 'vitest';
import { PacketParser, PacketTooLargeError, packetHeader } from './packet-parser.js';

describe('client → FreeSWITCH framing (read_packet)', () => {
  it('splits commands on the blank line, skipping leading newlines, across chunk boundaries', () => {
    const p = new PacketParser();
    expect(p.push(Buffer.from('\n\r\nauth sec'))).toEqual([]);
    const packets = p.push(Buffer.from('ret\n\nevent json ALL\n\n'));
    expect(packets.map((x) => x.command)).toEqual(['auth secret', 'event json ALL']);
  });

  it('accepts CRLF and parses headers at the first colon, skipping spaces', () => {
    const [packet] = new PacketParser().push(
      Buffer.from(
        'sendmsg abc\r\ncall-command: execute\r\nexecute-app-arg:   a: b\r\nexecute-app-name:\r\n\r\n',
      ),
    );
    expect(packet?.command).toBe('sendmsg abc');
    expect(packet?.headers).toEqual([
      ['call-command', 'execute'],
      ['execute-app-arg', 'a: b'],
      ['execute-app-name', ''],
    ]);
    expect(packetHeader(packet!, 'EXECUTE-APP-ARG')).toBe('a: b');
  });

  it('reads exactly Content-Length body bytes, even split across chunks', () => {
    const p = new PacketParser();
    expect(p.push(Buffer.from('sendevent CUSTOM\nContent-Length: 5\n\nhé'))).toEqual([]);
    const [packet, next] = p.push(Buffer.from('llexit\n\n'));
    expect(packet?.body).toBe('héll');
    expect(next?.command).toBe('exit');
  });

  it('refuses negative or oversized bodies', () => {
    expect(() => new PacketParser().push(Buffer.from('x\nContent-Length: -1\n\n'))).toThrow(
      PacketTooLargeError,
    );
    expect(() => new PacketParser().push(Buffer.from(`x\nContent-Length: ${17 * 1024 * 1024}\n\n`))).toThrow(
      PacketTooLargeError,
    );
  });
});
