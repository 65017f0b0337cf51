/** set / export / unset: channel variables as mod_dptools sets them. */
import type { Channel } from '../channel/channel.js';
import type { AppDef } from './registry.js';

function splitAssignment(data: string): [string, string | undefined] {
  const eq = data.indexOf('=');
  if (eq < 0) return [data.trim(), undefined];
  return [data.slice(0, eq).trim(), data.slice(eq + 1)];
}

/** export adds the name to export_vars (comma-separated) so new legs inherit it; nolocal: skips the local set. */
export function exportVariable(ch: Channel, data: string): void {
  let assignment = data;
  let local = true;
  if (assignment.startsWith('nolocal:')) {
    assignment = assignment.slice(8);
    local = false;
  }
  const [name, value] = splitAssignment(assignment);
  if (name === '') return;
  if (local) ch.vars.set(name, value);
  const exported = (ch.vars.get('export_vars') ?? '').split(',').filter((v) => v !== '');
  if (!exported.includes(name)) exported.push(name);
  ch.vars.set('export_vars', exported.join(','));
}

export const variableApps: readonly AppDef[] = [
  {
    name: 'set',
    run: ({ ch, data }) => {
      const [name, value] = splitAssignment(data);
      if (name !== '') ch.vars.set(name, value);
      return Promise.resolve();
    },
  },
  {
    name: 'unset',
    run: ({ ch, data }) => {
      ch.vars.set(data.trim(), undefined);
      return Promise.resolve();
    },
  },
  {
    name: 'export',
    run: ({ ch, data }) => {
      exportVariable(ch, data);
      return Promise.resolve();
    },
  },
];
