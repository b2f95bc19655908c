// Test databases: PGlite in memory by default; a fresh PostgreSQL database per call when
// LAPOR_TEST_DB=postgres (server at TEST_DATABASE_URL, default the local one).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';

export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const testDbKind = (): 'pglite' | 'postgres' =>
  process.env.LAPOR_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** Is a PostgreSQL server reachable for tests that always run on both databases? */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A migrated, empty database of the given kind; `close()` also drops a PostgreSQL one. */
export async function createTestDatabase(kind: 'pglite' | 'postgres' = testDbKind()): Promise<Database & { url?: string }> {
  if (kind === 'pglite') {
    const db = await openDatabase({});
    await migrate(db.sql);
    return db;
  }
  const name = `lapor_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  await migrate(db.sql);
  return {
    ...db,
    url: url.toString(),
    close: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: TEST_PG_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
