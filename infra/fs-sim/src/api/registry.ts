/** The `api` / `bgapi` commands the simulator implements (mod_commands), by name. */
import type { SimContext } from '../sim/context.js';
import { originateCommand } from './originate.js';
import { showCommand } from './show.js';
import { hostnameCommand, statusCommand } from './status.js';
import { uuidBridgeCommand, uuidTransferCommand } from './uuid-bridge.js';
import { uuidCommands } from './uuid-commands.js';
import { uuidHoldCommand } from './uuid-hold.js';

/** Returns the command's output, exactly what goes in the api/response body. */
export type ApiCommand = (sim: SimContext, args: string) => string | Promise<string>;

let table: Map<string, ApiCommand> | undefined;

function commands(): Map<string, ApiCommand> {
  table ??= new Map<string, ApiCommand>([
    ['status', statusCommand],
    ['hostname', hostnameCommand],
    ['show', showCommand],
    ['originate', originateCommand],
    ['uuid_bridge', uuidBridgeCommand],
    ['uuid_transfer', uuidTransferCommand],
    ['uuid_hold', uuidHoldCommand],
    ...Object.entries(uuidCommands),
  ]);
  return table;
}

export interface ApiOutcome {
  readonly output: string;
  readonly found: boolean;
}

/** switch_api_execute: whitespace-trimmed command, case-insensitive lookup. */
export async function runApi(
  sim: SimContext,
  command: string,
  args: string | undefined,
): Promise<ApiOutcome> {
  const impl = commands().get(command.trim().toLowerCase());
  if (!impl) return { output: '', found: false };
  return { output: await impl(sim, (args ?? '').trim()), found: true };
}
