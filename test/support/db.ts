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
  client.on('error', () => {}); // connect() rejects with the same error
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
  await asAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  await migrate(db.sql);
  return {
    ...db,
    url: url.toString(),
    close: async () => {
      await db.close();
      await dropDatabase(name);
    },
  };
}

/**
 * Drops a test database once every connection to it is gone. A pool's `end()` resolves
 * before its server backends have exited; dropping `WITH (FORCE)` at that moment would end
 * them with 57P01, an error on a client that no pool listens to any more, so wait (bounded)
 * for them to leave first. FORCE stays for connections of other pools still open.
 */
export async function dropDatabase(name: string): Promise<void> {
  await asAdmin(async (admin) => {
    for (let waited = 0; waited < 5_000; waited += 50) {
      const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

async function asAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  admin.on('error', () => {}); // a failing query rejects below; a dropped idle socket needs no handling
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end().catch(() => {});
  }
}
