import { ValidationError } from './errors.js';
import { isUuid } from './ids.js';

/** Tenant ids: lower-case letters, digits and dashes, 1–32 characters (DESIGN §2). */
export const TENANT_ID_PATTERN = '^[a-z0-9-]{1,32}$';
/** Ids of agents, queues and flows chosen by a tenant: letters, digits, `_` and `-`, 1–64 characters. */
export const ENTITY_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$';

const tenantRe = new RegExp(TENANT_ID_PATTERN);
const entityRe = new RegExp(ENTITY_ID_PATTERN);

/** Streams keyed by call id (a UUID) and streams keyed by `{tenant}.{id}`. */
export const CALL_CATEGORIES = ['call', 'ivr', 'contact'] as const;
export const TENANT_CATEGORIES = ['agent', 'queue', 'flow'] as const;
export type CallCategory = (typeof CALL_CATEGORIES)[number];
export type TenantCategory = (typeof TENANT_CATEGORIES)[number];
export type Category = CallCategory | TenantCategory;
export const CATEGORIES: readonly Category[] = [...CALL_CATEGORIES, ...TENANT_CATEGORIES];

export type ParsedStreamName =
  | { kind: 'call'; category: CallCategory; callId: string }
  | { kind: 'tenant'; category: TenantCategory; tenantId: string; entityId: string };

export function isTenantId(value: string): boolean {
  return tenantRe.test(value);
}

export function isEntityId(value: string): boolean {
  return entityRe.test(value);
}

function invalid(name: string, why: string): ValidationError {
  return new ValidationError('STREAM_NAME_INVALID', `invalid stream name ${JSON.stringify(name)}: ${why}`, [
    { path: 'stream', message: why },
  ]);
}

/** Parses and checks a stream name; throws STREAM_NAME_INVALID with the reason. */
export function parseStreamName(name: string): ParsedStreamName {
  const dash = name.indexOf('-');
  if (dash <= 0) throw invalid(name, 'expected {category}-{id}');
  const category = name.slice(0, dash);
  const rest = name.slice(dash + 1);
  if ((CALL_CATEGORIES as readonly string[]).includes(category)) {
    if (!isUuid(rest)) throw invalid(name, `${category} streams are keyed by a call id (UUID)`);
    return { kind: 'call', category: category as CallCategory, callId: rest.toLowerCase() };
  }
  if ((TENANT_CATEGORIES as readonly string[]).includes(category)) {
    const dot = rest.indexOf('.');
    const tenantId = dot < 0 ? '' : rest.slice(0, dot);
    const entityId = dot < 0 ? '' : rest.slice(dot + 1);
    if (!isTenantId(tenantId)) throw invalid(name, `${category} streams are {tenant}.{id}; bad tenant id`);
    if (!isEntityId(entityId)) throw invalid(name, `${category} streams are {tenant}.{id}; bad id`);
    return { kind: 'tenant', category: category as TenantCategory, tenantId, entityId };
  }
  throw invalid(name, `unknown category ${JSON.stringify(category)}`);
}

export function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
}

export const streams = {
  call: (callId: string) => `call-${callId}`,
  ivr: (callId: string) => `ivr-${callId}`,
  contact: (callId: string) => `contact-${callId}`,
  agent: (tenantId: string, agentId: string) => `agent-${tenantId}.${agentId}`,
  queue: (tenantId: string, queueId: string) => `queue-${tenantId}.${queueId}`,
  flow: (tenantId: string, flowId: string) => `flow-${tenantId}.${flowId}`,
} as const;
