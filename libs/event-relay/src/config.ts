import { hostname } from 'node:os';
import { ValidationError, type ValidationIssue } from '@hotline/contracts';

export interface RelayConfig {
  databaseUrl: string | undefined;
  eventStoreUrl: string | undefined;
  natsUrl: string;
  streamName: string;
  subjectPrefix: string;
  leaseBucket: string;
  checkpointBucket: string | undefined;
  leaseTtlMs: number;
  instanceId: string;
  maxInFlight: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Reads the relay's environment; every problem is reported at once (RELAY_CONFIG_INVALID). */
export function parseRelayEnv(env: Readonly<Record<string, string | undefined>>): RelayConfig {
  const issues: ValidationIssue[] = [];
  const text = (key: string, fallback: string, pattern?: RegExp): string => {
    const value = env[key]?.trim() || fallback;
    if (pattern && !pattern.test(value)) issues.push({ path: key, message: `must match ${String(pattern)}` });
    return value;
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      issues.push({ path: key, message: `must be an integer from ${min} to ${max}` });
    }
    return value;
  };
  const optional = (key: string): string | undefined => env[key]?.trim() || undefined;

  const config: RelayConfig = {
    databaseUrl: optional('DATABASE_URL'),
    eventStoreUrl: optional('EVENTSTORE_URL'),
    natsUrl: text('NATS_URL', 'nats://127.0.0.1:4222'),
    streamName: text('RELAY_STREAM', 'HOTLINE_EVENTS', NAME),
    subjectPrefix: text('RELAY_SUBJECT_PREFIX', 'hl', PREFIX),
    leaseBucket: text('RELAY_LEASE_BUCKET', 'hotline_relay_lease', NAME),
    checkpointBucket: optional('RELAY_CHECKPOINT_BUCKET'),
    leaseTtlMs: int('RELAY_LEASE_TTL_MS', 10_000, 300, 3_600_000),
    instanceId: text('RELAY_INSTANCE_ID', `${hostname()}-${process.pid}`),
    maxInFlight: int('RELAY_MAX_IN_FLIGHT', 256, 1, 10_000),
    logLevel: 'info',
  };
  const level = optional('LOG_LEVEL') ?? 'info';
  if (level === 'debug' || level === 'info' || level === 'warn' || level === 'error') config.logLevel = level;
  else issues.push({ path: 'LOG_LEVEL', message: 'must be debug, info, warn or error' });
  if (config.checkpointBucket !== undefined && !NAME.test(config.checkpointBucket)) {
    issues.push({ path: 'RELAY_CHECKPOINT_BUCKET', message: `must match ${String(NAME)}` });
  }
  if (config.databaseUrl === undefined && config.eventStoreUrl === undefined) {
    issues.push({
      path: 'DATABASE_URL',
      message: 'DATABASE_URL (PostgreSQL) or EVENTSTORE_URL (KurrentDB) is required',
    });
  }
  if (issues.length > 0)
    throw new ValidationError('RELAY_CONFIG_INVALID', 'invalid relay configuration', issues);
  return config;
}
