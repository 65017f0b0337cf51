/** The API event switch_api_execute fires after every api command (also for dialplan expansions). */
import type { FsCore } from '../core/core.js';
import type { Header } from '../esl/event.js';

export function fireApiEvent(core: FsCore, command: string, argument?: string): void {
  const headers: Header[] = [];
  const cmd = command.trim();
  const arg = argument?.trim();
  if (cmd !== '') headers.push(['API-Command', cmd]);
  if (arg !== undefined && arg !== '') headers.push(['API-Command-Argument', arg]);
  core.fire({
    name: 'API',
    calling: { file: 'switch_loadable_module.c', func: 'switch_api_execute', line: 3140 },
    headers,
  });
}
