/**
 * originate <dial string> <exten>|&<app>(<args>) [dialplan] [context] [cid_name] [cid_num] [timeout]
 * Blocks until a leg answers ("+OK <uuid>\n") or all fail ("-ERR <CAUSE>\n"); then the leg runs the
 * application or the simulator's dialplan for <exten>.
 */
import { execute } from '../channel/execute.js';
import { hangup } from '../channel/lifecycle.js';
import { parseDialString } from '../apps/dial-string.js';
import { originate } from '../apps/originate.js';
import { transferRoute } from '../apps/transfer.js';
import type { SimContext } from '../sim/context.js';

const SYNTAX =
  '<call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]';

export async function originateCommand(sim: SimContext, args: string): Promise<string> {
  if (args === '') return `-USAGE ${SYNTAX}\n`;
  const argv = args.split(' ').map((a) => (a.toLowerCase() === 'undef' ? undefined : a));
  if (argv.length < 2 || argv.length > 7) return `-USAGE: ${SYNTAX}\n`;
  const [url = '', exten = '', dialplan, context, cidName, cidNum, timeout] = argv;
  const result = await originate(sim, {
    dial: parseDialString(url),
    defaultTimeoutSec: Number.parseInt(timeout ?? '', 10) || 60,
    ...(cidName !== undefined ? { cidName } : {}),
    ...(cidNum !== undefined ? { cidNumber: cidNum } : {}),
  });
  if (!result.ok) return `-ERR ${result.cause}\n`;
  const leg = result.leg;
  if (exten.startsWith('&') && exten.length > 1) {
    const m = /^&([^(]+)(?:\((.*)\))?$/.exec(exten);
    const app = m?.[1] ?? exten.slice(1);
    const data = m?.[2];
    leg.requestTransfer(async () => {
      const outcome = await execute(sim, leg, app, data);
      // The one-application extension is over: the leg hangs up unless it parked.
      if (outcome === 'completed' && leg.isUp && !leg.pendingTransfer) hangup(leg, 'NORMAL_CLEARING');
    });
  } else {
    leg.requestTransfer(transferRoute(exten, dialplan ?? 'XML', context ?? 'default'));
  }
  return `+OK ${leg.uuid}\n`;
}
