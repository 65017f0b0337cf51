/**
 * uuid_* commands of mod_commands. Reply texts follow the 1.11.2 captures ("-ERR No such channel!\n",
 * uuid_exists "true"/"false" without newline, uuid_getvar "_undef_").
 */
import { parseCause } from '../channel/causes.js';
import { answer, hangup } from '../channel/lifecycle.js';
import type { SimContext } from '../sim/context.js';
import { parseRecordArgs, startRecording, stopRecording } from '../apps/record.js';
import type { ApiCommand } from './registry.js';

export const NO_SUCH_CHANNEL = '-ERR No such channel!\n';

const split = (args: string, max: number): string[] => {
  const parts = args.split(' ');
  return parts.length > max ? [...parts.slice(0, max - 1), parts.slice(max - 1).join(' ')] : parts;
};

const uuidKill: ApiCommand = (sim, args) => {
  if (args === '') return '-USAGE: <uuid> [cause]\n';
  const [uuid = '', cause] = split(args, 2);
  const ch = sim.core.findChannel(uuid);
  if (!ch) return NO_SUCH_CHANNEL;
  hangup(ch, parseCause(cause));
  return '+OK\n';
};

const uuidExists: ApiCommand = (sim, args) => (args !== '' && sim.core.findChannel(args) ? 'true' : 'false');

const uuidBreak: ApiCommand = (sim, args) => {
  if (args === '') return '-USAGE: <uuid> [all]\n';
  const [uuid = '', flag] = split(args, 2);
  const ch = sim.core.findChannel(uuid);
  if (!ch) return NO_SUCH_CHANNEL;
  if (flag?.includes('all')) ch.flushMessages();
  ch.media.break();
  if (flag?.includes('both')) ch.bridgedTo?.media.break();
  return '+OK\n';
};

const uuidGetvar: ApiCommand = (sim, args) => {
  const [uuid = '', name] = split(args, 3);
  if (uuid === '' || name === undefined) return '-USAGE: <uuid> <var>\n';
  const ch = sim.core.findChannel(uuid);
  if (!ch) return NO_SUCH_CHANNEL;
  if (name === '') return '-ERR No variable name specified!\n';
  return ch.vars.get(name) ?? '_undef_';
};

const uuidSetvar: ApiCommand = (sim, args) => {
  const argv = split(args, 3);
  const [uuid = '', name = '', value] = argv;
  if ((argv.length !== 2 && argv.length !== 3) || uuid === '') return '-USAGE: <uuid> <var> [value]\n';
  const ch = sim.core.findChannel(uuid);
  if (!ch) return NO_SUCH_CHANNEL;
  if (name === '') return '-ERR No variable specified\n';
  ch.vars.set(name, value);
  return '+OK\n';
};

const uuidSetvarMulti: ApiCommand = (sim, args) => {
  const space = args.indexOf(' ');
  if (space < 0) return '-USAGE: <uuid> <var>=<value>;<var>=<value>...\n';
  const ch = sim.core.findChannel(args.slice(0, space));
  if (!ch) return NO_SUCH_CHANNEL;
  for (const pair of args.slice(space + 1).split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) ch.vars.set(pair.slice(0, eq), pair.slice(eq + 1));
    else if (pair !== '') ch.vars.set(pair, undefined);
  }
  return '+OK\n';
};

const uuidAnswer: ApiCommand = (sim, args) => {
  const ch = sim.core.findChannel(args.split(' ')[0] ?? '');
  if (!ch) return NO_SUCH_CHANNEL;
  answer(ch);
  return '+OK\n';
};

/** uuid_record <uuid> start|stop <path|all> [limit] */
function uuidRecord(sim: SimContext, args: string): string {
  const [uuid = '', action = '', rest = ''] = split(args, 3);
  if (uuid === '' || rest === '' || (action !== 'start' && action !== 'stop')) {
    return '-USAGE: <uuid> [start|stop|mask|unmask] <path> [<limit>] [<recording_vars>]\n';
  }
  const ch = sim.core.findChannel(uuid);
  if (!ch) return '-ERR Cannot locate session!\n';
  if (action === 'start') {
    const [path = '', limit] = rest.split(' ');
    const { limitSec } = parseRecordArgs(limit !== undefined ? `${path} +${limit}` : path);
    startRecording(sim, ch, path, limitSec);
    return '+OK Success\n';
  }
  return stopRecording(ch, rest.trim()) ? '+OK Success\n' : '-ERR Cannot stop record session!\n';
}

export const uuidCommands: Record<string, ApiCommand> = {
  uuid_kill: uuidKill,
  uuid_exists: uuidExists,
  uuid_break: uuidBreak,
  uuid_getvar: uuidGetvar,
  uuid_setvar: uuidSetvar,
  uuid_setvar_multi: uuidSetvarMulti,
  uuid_answer: uuidAnswer,
  uuid_record: uuidRecord,
};
