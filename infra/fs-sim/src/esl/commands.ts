/**
 * parse_command() of mod_event_socket.c for an inbound listener: the same prefix checks in the same
 * order, the same reply texts. `exit` works before auth; anything else before auth is "command not found".
 */
import { randomUUID } from 'node:crypto';
import { runApi } from '../api/registry.js';
import { fireApiEvent } from '../api/api-event.js';
import type { EslConnection } from './connection.js';
import { nameEvent } from './event-names.js';
import { apiResponseFrame, commandReplyFrame } from './frames.js';
import { packetHeader, type Packet } from './packet-parser.js';

const startsWith = (cmd: string, prefix: string): boolean => cmd.toLowerCase().startsWith(prefix);

export async function handleCommand(conn: EslConnection, packet: Packet): Promise<void> {
  const cmd = packet.command;
  const reply = (text: string, extra: readonly (readonly [string, string])[] = []): void =>
    conn.write(commandReplyFrame(text, extra));

  if (startsWith(cmd, 'exit') || startsWith(cmd, '...')) {
    reply('+OK bye');
    conn.closeWithNotice();
    return;
  }
  if (!conn.authed) {
    if (startsWith(cmd, 'auth ')) {
      if (cmd.slice(5) === conn.options.password) {
        conn.authed = true;
        reply('+OK accepted');
      } else {
        reply('-ERR invalid');
        conn.closeWithNotice();
      }
    } else if (startsWith(cmd, 'userauth ')) {
      // The simulator has no directory users with esl-password: every userauth fails like a wrong one.
      reply('-ERR invalid');
      conn.closeWithNotice();
    } else {
      reply('-ERR command not found');
    }
    return;
  }
  if (startsWith(cmd, 'filter ')) return reply(conn.filters.command(cmd.slice(7)));
  if (startsWith(cmd, 'myevents ') || (conn.session && startsWith(cmd, 'myevents')))
    return reply(myevents(conn, cmd));
  if (startsWith(cmd, 'divert_events')) {
    if (!conn.session) return reply('-ERR not controlling a session.');
    const onoff = cmd.slice(13).trim().toLowerCase();
    if (onoff === '') return reply('-ERR missing value.');
    return reply(onoff === 'on' ? '+OK events diverted' : '+OK events not diverted');
  }
  if (startsWith(cmd, 'sendmsg')) return reply(sendmsg(conn, packet));
  if (startsWith(cmd, 'sendevent')) return reply(sendevent(conn, packet));
  if (startsWith(cmd, 'api ')) return api(conn, cmd.slice(4));
  if (startsWith(cmd, 'bgapi ')) return reply(...bgapi(conn, packet));
  if (startsWith(cmd, 'log')) {
    const text = log(cmd);
    if (text.startsWith('+OK')) conn.logging = true;
    return reply(text);
  }
  if (startsWith(cmd, 'linger')) return reply(linger(conn, cmd));
  if (startsWith(cmd, 'nolinger')) {
    if (!conn.session) return reply('-ERR not controlling a session');
    conn.lingerSeconds = undefined;
    return reply('+OK will not linger');
  }
  if (startsWith(cmd, 'nolog')) {
    if (!conn.logging) return reply('-ERR not loging');
    conn.logging = false;
    return reply('+OK no longer logging');
  }
  if (startsWith(cmd, 'event')) return reply(conn.subscriptions.subscribe(words(cmd, 5)));
  if (startsWith(cmd, 'nixevent')) return reply(conn.subscriptions.unsubscribe(words(cmd, 5)));
  if (startsWith(cmd, 'noevents')) return reply(conn.subscriptions.clear());
  reply('-ERR command not found');
}

/** The words after the first space following `skip` characters, as parse_command walks them. */
function words(cmd: string, skip: number): string[] {
  const space = cmd.indexOf(' ', skip);
  if (space < 0) return [];
  return cmd.slice(space + 1).split(' ');
}

function sendmsg(conn: EslConnection, packet: Packet): string {
  let uuid = packet.command.slice(7).trim();
  if (uuid === '') uuid = packetHeader(packet, 'session-id') ?? '';
  const ch = uuid === '' ? conn.session : conn.sim.core.findChannel(uuid);
  if (!ch) return `-ERR invalid session id [${uuid}]`;
  ch.enqueue(packet);
  return '+OK';
}

function sendevent(conn: EslConnection, packet: Packet): string {
  const eventUuid = randomUUID();
  const requested = packet.command.slice(9).trim();
  const name = nameEvent(requested) ?? 'COMMAND';
  const subclass = name === 'CUSTOM' ? packetHeader(packet, 'Event-Subclass') : undefined;
  const headers = packet.headers.filter(([n]) => n.toLowerCase() !== 'content-length');
  // An event addressed to a live session is queued to that session, not fired.
  const target = packetHeader(packet, 'Unique-ID');
  if (target !== undefined && conn.sim.core.findChannel(target)) return `+OK ${eventUuid}`;
  conn.sim.core.fire({
    name,
    calling: { file: 'mod_event_socket.c', func: 'parse_command', line: 2164 },
    pre: [...headers, ['Event-UUID', eventUuid]],
    headers: [],
    ...(subclass !== undefined ? { subclass } : {}),
    ...(packet.body !== undefined ? { body: packet.body } : {}),
  });
  return `+OK ${eventUuid}`;
}

function splitApi(text: string): [string, string | undefined] {
  const space = text.indexOf(' ');
  return space < 0 ? [text, undefined] : [text.slice(0, space), text.slice(space + 1)];
}

/** runApi, with an unexpected failure reported in the reply rather than lost. */
async function safeApi(conn: EslConnection, command: string, args: string | undefined) {
  try {
    return await runApi(conn.sim, command, args);
  } catch (err) {
    conn.sim.log.warn(`api ${command} failed: ${String(err)}`);
    return { output: `-ERR ${String(err)}\n`, found: true };
  }
}

async function api(conn: EslConnection, text: string): Promise<void> {
  const [command, args] = splitApi(text);
  await conn.withEventsHeld(async () => {
    const { output, found } = await safeApi(conn, command, args);
    fireApiEvent(conn.sim.core, command, args);
    const body = found ? output : `-ERR ${command} Command not found!\n`;
    return apiResponseFrame(body === '' ? '-ERR no reply\n' : body);
  });
}

function bgapi(conn: EslConnection, packet: Packet): [string, [string, string][]] {
  const [command, args] = splitApi(packet.command.slice(6));
  const jobUuid = packetHeader(packet, 'Job-UUID') ?? randomUUID();
  void safeApi(conn, command, args).then(({ output, found }) => {
    fireApiEvent(conn.sim.core, command, args);
    conn.sim.core.fire({
      name: 'BACKGROUND_JOB',
      calling: { file: 'mod_event_socket.c', func: 'api_exec', line: 1580 },
      headers: [
        ['Job-UUID', jobUuid],
        ['Job-Command', command],
        ...(args !== undefined ? ([['Job-Command-Arg', args]] as [string, string][]) : []),
      ],
      body: found ? output : `-ERR ${command} Command not found!\n`,
    });
  });
  return [`+OK Job-UUID: ${jobUuid}`, [['Job-UUID', jobUuid]]];
}

const LOG_LEVELS = ['console', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

/** Accepted like FreeSWITCH; the simulator has no log lines to send. */
function log(cmd: string): string {
  const level = cmd.length > 3 ? cmd.slice(4) : '';
  if (level === '') return '+OK log level  [7]';
  const n = /^\d+$/.test(level) ? Number(level) : LOG_LEVELS.indexOf(level.toLowerCase());
  return n >= 0 && n <= 7 ? `+OK log level ${level} [${n}]` : '-ERR invalid log level';
}

function linger(conn: EslConnection, cmd: string): string {
  if (!conn.session) return '-ERR not controlling a session';
  const secs = cmd[6] === ' ' && cmd.length > 7 ? Number.parseInt(cmd.slice(7), 10) || 0 : -1;
  conn.lingerSeconds = secs;
  return secs !== -1 ? `+OK will linger ${secs} seconds` : '+OK will linger';
}

function myevents(conn: EslConnection, cmd: string): string {
  if (conn.myEvents) return '-ERR aready enabled.';
  const [uuid = '', format] = cmd.slice(9).trim().split(' ');
  if (!conn.session) {
    const ch = conn.sim.core.findChannel(uuid);
    if (!ch) return '-ERR invalid uuid';
    conn.bindSession(ch);
  }
  conn.myEvents = true;
  conn.subscriptions.enableMyEvents();
  const f = format?.toLowerCase();
  if (f === 'json' || f === 'xml' || f === 'plain') conn.subscriptions.format = f;
  return '+OK Events Enabled';
}
