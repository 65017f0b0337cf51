import type { ColumnType, Generated } from 'kysely';

export const ROLES = ['admin', 'supervisor', 'agent', 'service'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface TenantsTable {
  id: string;
  name: string;
  created_at: Generated<Date>;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  role: Role;
  name: string;
  /** SHA-256 of the key's secret part (32 bytes). */
  hash: Buffer;
  created_at: Generated<Date>;
  last_used_at: ColumnType<Date | null, never, Date>;
  revoked_at: ColumnType<Date | null, never, Date>;
}

/** The tables owned by @hotline/platform. */
export interface PlatformDatabase {
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
}
