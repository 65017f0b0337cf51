/**
 * Frames FreeSWITCH writes to an ESL socket (mod_event_socket.c). Header order differs per kind and
 * matters to strict parsers: events put Content-Length before Content-Type, api/response the reverse,
 * command/reply has no Content-Length at all.
 */
import { serializeEvent, type EventFormat } from './serialize.js';
import type { EslEvent } from './event.js';

export const GOODBYE = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';

export function authRequestFrame(): string {
  return 'Content-Type: auth/request\n\n';
}

export function commandReplyFrame(
  replyText: string,
  extra: readonly (readonly [string, string])[] = [],
): string {
  let out = `Content-Type: command/reply\nReply-Text: ${replyText}\n`;
  for (const [name, value] of extra) out += `${name}: ${value}\n`;
  return out + '\n';
}

export function apiResponseFrame(body: string): string {
  return `Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`;
}

export function eventFrame(event: EslEvent, format: EventFormat): string {
  const body = serializeEvent(event, format);
  return `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-${format}\n\n${body}`;
}

/** send_disconnect(): a session-bound listener also names the session. */
export function disconnectNoticeFrame(message: string = GOODBYE, sessionUuid?: string): string {
  const len = Buffer.byteLength(message);
  if (sessionUuid === undefined) {
    return `Content-Type: text/disconnect-notice\nContent-Length: ${len}\n\n${message}`;
  }
  return (
    `Content-Type: text/disconnect-notice\nControlled-Session-UUID: ${sessionUuid}\n` +
    `Content-Disposition: disconnect\nContent-Length: ${len}\n\n${message}`
  );
}

export function lingerNoticeFrame(sessionUuid: string, channelName: string, lingerSeconds: number): string {
  return (
    `Content-Type: text/disconnect-notice\nControlled-Session-UUID: ${sessionUuid}\n` +
    `Content-Disposition: linger\nChannel-Name: ${channelName}\nLinger-Time: ${lingerSeconds}\nContent-Length: 0\n\n`
  );
}
