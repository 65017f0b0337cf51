import { Type, type Static } from '@sinclair/typebox';
import { LOG_LEVELS } from '../logging/logger.js';

/** Local development defaults: what `npm start` and the CI machine provide. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/hotline';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export const DatabaseUrl = Type.String({
  pattern: '^postgres(ql)?://',
  default: DEFAULT_DATABASE_URL,
  description: 'a PostgreSQL URL, e.g. postgres://user:password@host:5432/hotline',
});

export const NatsUrl = Type.String({
  pattern: '^(nats|tls)://[^\\s,]+$',
  default: DEFAULT_NATS_URL,
  description: 'a NATS URL, e.g. nats://127.0.0.1:4222',
});

/** Set: events live in KurrentDB (`@kurrent/kurrentdb-client` connection string); unset: PostgreSQL. */
export const EventStoreUrl = Type.Optional(
  Type.String({
    pattern: '^(kurrentdb|kdb|esdb)(\\+discover)?://',
    description: 'a KurrentDB connection string, e.g. kurrentdb://host:2113?tls=false',
  }),
);

export const LogLevel = Type.Union(
  LOG_LEVELS.map((level) => Type.Literal(level)),
  { default: 'info', description: `one of ${LOG_LEVELS.join(', ')}` },
);

export const Host = Type.String({
  minLength: 1,
  default: '127.0.0.1',
  description: 'an interface address to listen on, e.g. 127.0.0.1 or 0.0.0.0',
});

/** PORT 0 asks the OS for a free port. */
export function Port(defaultPort: number) {
  return Type.Integer({
    minimum: 0,
    maximum: 65535,
    default: defaultPort,
    description: 'a TCP port (0–65535)',
  });
}

/** The variables every Hotline service reads; services extend it with their own. */
export function serviceConfigSchema(defaultPort: number) {
  return Type.Object({
    PORT: Port(defaultPort),
    HOST: Host,
    DATABASE_URL: DatabaseUrl,
    NATS_URL: NatsUrl,
    EVENTSTORE_URL: EventStoreUrl,
    LOG_LEVEL: LogLevel,
  });
}

export type ServiceConfig = Readonly<Static<ReturnType<typeof serviceConfigSchema>>>;

/** What tools that only need the infrastructure read (CLI, launcher). */
export const infrastructureConfigSchema = Type.Object({
  DATABASE_URL: DatabaseUrl,
  NATS_URL: NatsUrl,
  LOG_LEVEL: LogLevel,
});
