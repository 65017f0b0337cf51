/** What `migrateToLatest` needs of a Kysely `Migrator` (structural: packages may hold their own Kysely copy). */
export interface LatestMigrator<R> {
  migrateToLatest(): Promise<{ error?: unknown; results?: R[] }>;
}

/**
 * Runs a Kysely migrator (its tables pinned to `schema`, the connection's current schema) to the
 * latest migration. Kysely looks for its migration table by listing the tables of every schema in
 * the database; a schema dropped by someone else meanwhile (parallel tests, a removed tenant) fails
 * that listing with 3F000 naming that schema. Ours exists, so another try lists the survivors.
 */
export async function migrateToLatest<R>(
  migrator: LatestMigrator<R>,
  schema: string,
): Promise<{ error?: unknown; results?: R[] }> {
  let outcome = await migrator.migrateToLatest();
  for (let retry = 1; retry <= 20 && droppedElsewhere(outcome.error, schema); retry += 1) {
    outcome = await migrator.migrateToLatest();
  }
  return outcome;
}

/** A 3F000 "schema … does not exist" about a schema other than ours: one dropped meanwhile. */
function droppedElsewhere(error: unknown, ours: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== '3F000' || typeof message !== 'string') return false;
  const named = /^schema "(.+)" does not exist$/.exec(message)?.[1];
  return named !== undefined && named !== ours;
}
