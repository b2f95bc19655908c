// Two hubs on one database, as two processes behind one address would be; the first hub's
// driver statements are counted (hubs.statements, cleared by the test when it starts counting).
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createTestDatabase, testDbKind } from './db.js';
import { startTestHub, type TestHub } from './hub.js';

export interface TwoHubs {
  db: Database;
  hubs: TestHub[];
  /** the texts of the statements the first hub ran on the driver */
  statements: string[];
}

/** Registers beforeAll/afterAll of the describe it is called in. */
export function twoHubsOnOneDatabase(): TwoHubs {
  const two = { hubs: [], statements: [] } as unknown as TwoHubs;
  let second: Database | undefined;
  beforeAll(async () => {
    const db: Database & { url?: string } = await createTestDatabase();
    two.db = db;
    // PostgreSQL: a pool of its own, as another process has; PGlite belongs to one process,
    // so the second hub shares its client (each hub still keeps its own memory of turns)
    second = testDbKind() === 'postgres' ? await openDatabase({ url: db.url }) : db;
    const counted: Database = { ...db, sql: { ...db.sql, query: (text, params) => (two.statements.push(text), db.sql.query(text, params)) } };
    two.hubs.push(await startTestHub({}, { db: counted }), await startTestHub({}, { db: second }));
  }, 60_000);
  afterAll(async () => {
    for (const hub of two.hubs) await hub.close();
    if (second && second !== two.db) await second.close();
    await two.db?.close();
  });
  return two;
}
