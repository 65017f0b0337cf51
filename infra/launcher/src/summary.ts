import { maskText } from '@hotline/platform/logging';
import { baseUrl, WALLBOARD_PATH, type ServiceSpec, type WorkerSpec } from './services.js';

export interface SummaryInput {
  services: readonly ServiceSpec[];
  databaseUrl: string;
  natsUrl: string;
  workers?: readonly WorkerSpec[];
}

/** The lines printed once everything is ready: where each service and its docs are. */
export function summary(input: SummaryInput): string[] {
  const width = Math.max(...input.services.map((s) => s.name.length), 'PostgreSQL'.length);
  const row = (label: string, value: string) => `  ${label.padEnd(width)}  ${value}`;
  const projections = input.services.find((s) => s.name === 'projections');
  return [
    'Hotline is up.',
    '',
    ...input.services.map((s) => row(s.name, `${baseUrl(s)}   (API docs ${baseUrl(s)}/docs)`)),
    ...(projections
      ? [
          row(
            'wallboard',
            `${baseUrl(projections)}${WALLBOARD_PATH}   (served by projections once it is built)`,
          ),
        ]
      : []),
    row('PostgreSQL', maskText(input.databaseUrl)),
    row('NATS', maskText(input.natsUrl)),
    ...(input.workers ?? []).map((w) => row(w.name, 'running (no HTTP port)')),
    '',
    'First tenant and API key:',
    '  npx hotline tenants create acme --name "Acme Corp"',
    '  npx hotline keys create --tenant acme --role admin',
    '',
    'Ctrl-C stops everything.',
  ];
}
