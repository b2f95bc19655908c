// The driver's statements are named (src/db/client.ts statementName): PostgreSQL parses each
// once per connection and may keep its plan. The answers must still be each call's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementName, type Database } from '../../src/db/client.js';
import { createTestDatabase, postgresAvailable } from '../support/db.js';

describe('statement names', () => {
  it('gives one text one name, and another text another', () => {
    const text = 'SELECT $1::int AS n /* naming test */';
    expect(statementName(text)).toMatch(/^lh_\d+$/);
    expect(statementName(text)).toBe(statementName(text));
    expect(statementName(`${text} `)).not.toBe(statementName(text));
  });
});

describe.skipIf(!(await postgresAvailable()))('named statements on PostgreSQL', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => db?.close());

  it('prepares the statement on the connection that runs it', async () => {
    const text = `SELECT name, statement FROM pg_prepared_statements WHERE name = $1`;
    const rows = await db.sql.query<{ name: string; statement: string }>(text, [statementName(text)]);
    expect(rows).toEqual([{ name: statementName(text), statement: text }]);
  });

  it('answers every call with its own parameters, on every connection of the pool', async () => {
    const text = 'SELECT $1::int AS n, $2::text AS t';
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => db.sql.query<{ n: number; t: string | null }>(text, [i, i % 2 ? null : `v${i}`])));
    expect(answers.map(([row]) => row)).toEqual(Array.from({ length: 40 }, (_, i) => ({ n: i, t: i % 2 ? null : `v${i}` })));
  });
});
