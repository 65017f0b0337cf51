/**
 * `show channels [count] [as json|delim <d>|csv]` from the simulated channel table, with the 38 columns
 * of the channels view. Other `show` subjects are not simulated and say so in an -ERR reply.
 */
import type { Channel } from '../channel/channel.js';
import { stateName } from '../channel/states.js';
import { localDate } from '../core/uptime.js';
import type { SimContext } from '../sim/context.js';

const SHOW_SYNTAX =
  'codec|endpoint|application|api|dialplan|file|timer|calls [count]|channels [count|like <match string>]|calls|detailed_calls|bridged_calls|detailed_bridged_calls|aliases|complete|chat|management|modules|nat_map|say|interfaces|interface_types|tasks|limits';

function row(sim: SimContext, ch: Channel): [string, string][] {
  const p = ch.profile;
  const codec = ch.codec;
  const bridged = ch.bridgedTo;
  return [
    ['uuid', ch.uuid],
    ['direction', ch.direction],
    ['created', localDate(p.times.created / 1000)],
    ['created_epoch', String(Math.floor(p.times.created / 1_000_000))],
    ['name', ch.name],
    ['state', stateName(ch.running)],
    ['cid_name', p.callerIdName],
    ['cid_num', p.callerIdNumber],
    ['ip_addr', p.networkAddr],
    ['dest', p.destinationNumber],
    ['application', ch.lastApplication],
    ['application_data', ch.lastApplicationData],
    ['dialplan', p.dialplan],
    ['context', p.context],
    ['read_codec', codec?.name ?? ''],
    ['read_rate', codec ? String(codec.rate) : ''],
    ['read_bit_rate', codec ? String(codec.bitRate) : ''],
    ['write_codec', codec?.name ?? ''],
    ['write_rate', codec ? String(codec.rate) : ''],
    ['write_bit_rate', codec ? String(codec.bitRate) : ''],
    ['secure', ''],
    ['hostname', sim.core.identity.hostname],
    ['presence_id', ch.presenceId ?? ''],
    ['presence_data', ''],
    ['accountcode', ''],
    ['callstate', ch.callState],
    [
      'callee_name',
      bridged ? (ch.direction === 'inbound' ? 'Outbound Call' : bridged.profile.callerIdName) : '',
    ],
    [
      'callee_num',
      bridged
        ? ch.direction === 'inbound'
          ? bridged.profile.destinationNumber
          : bridged.profile.callerIdNumber
        : '',
    ],
    ['callee_direction', bridged ? (ch.direction === 'inbound' ? 'SEND' : 'RECV') : ''],
    ['call_uuid', bridged ? ch.callUuid : ''],
    ['sent_callee_name', bridged && ch.direction === 'inbound' ? 'Outbound Call' : ''],
    ['sent_callee_num', bridged && ch.direction === 'inbound' ? bridged.profile.destinationNumber : ''],
    ['initial_cid_name', p.origCallerIdName],
    ['initial_cid_num', p.origCallerIdNumber],
    ['initial_ip_addr', p.networkAddr],
    ['initial_dest', ch.vars.get('sip_req_user') ?? p.destinationNumber],
    ['initial_dialplan', p.dialplan],
    ['initial_context', p.context],
  ];
}

export function showCommand(sim: SimContext, args: string): string {
  const argv = args.split(' ').filter((a) => a !== '');
  const subject = argv[0]?.toLowerCase();
  if (!subject) return `-USAGE: ${SHOW_SYNTAX}\n`;
  // Deliberately loud: only the channels view is simulated.
  if (subject !== 'channels') return `-ERR fs-sim does not simulate show ${subject}\n`;
  const justCount = argv[1]?.toLowerCase() === 'count';
  const asIndex = argv.findIndex((a, i) => i > 0 && a.toLowerCase() === 'as');
  const format = asIndex > 0 ? (argv[asIndex + 1] ?? 'delim').toLowerCase() : 'delim';
  const channels = [...sim.core.channels.values()]
    .filter((c) => !c.vanished)
    .sort((a, b) => a.profile.times.created - b.profile.times.created);
  if (format === 'json') {
    if (channels.length === 0) return '{"row_count": 0}\n';
    if (justCount) return JSON.stringify({ row_count: channels.length, rows: [] });
    const rows = channels.map((c) => Object.fromEntries(row(sim, c)));
    return JSON.stringify({ row_count: rows.length, rows });
  }
  if (format !== 'delim' && format !== 'csv') return `-ERR Cannot find format ${format}\n`;
  const delim = format === 'delim' && argv[asIndex + 2] !== undefined ? (argv[asIndex + 2] ?? ',') : ',';
  let out = '';
  if (!justCount) {
    channels.forEach((c, i) => {
      const cols = row(sim, c);
      if (i === 0) out += cols.map(([k]) => k).join(delim) + '\n';
      out += cols.map(([, v]) => v).join(delim) + '\n';
    });
  }
  return `${out}\n${channels.length} total.\n`;
}
