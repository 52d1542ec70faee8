import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/database';
import { migrate } from '../../src/server/db/migrate';

export interface TestDatabase {
  db: Database;
  close(): Promise<void>;
}

export type Backend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when PULSE_TEST_DATABASE_URL is set (CI sets it). */
export const BACKENDS: Backend[] = process.env.PULSE_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * A migrated, empty database. On PostgreSQL each call gets its own schema (dropped on close), so
 * test files running in parallel against one database never see each other's rows.
 */
export async function openTestDatabase(
  backend: Backend,
  opts: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  let db: Database;
  let cleanup = async () => {};
  if (backend === 'pglite') {
    db = await openDatabase({ dataDir: 'memory://' });
  } else {
    const base = process.env.PULSE_TEST_DATABASE_URL!;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(base);
    url.searchParams.set('options', `-c search_path=${schema}`);
    db = await openDatabase({ databaseUrl: url.toString() });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    };
  }
  if (opts.migrated !== false) await migrate(db);
  return {
    db,
    close: async () => {
      await db.close();
      await cleanup();
    },
  };
}
