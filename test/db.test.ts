import { afterAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../src/db/client.js';
import { listMigrations, migrate } from '../src/db/migrate.js';
import { createTestDatabase, postgresAvailable } from './support/db.js';

const kinds: ('pglite' | 'postgres')[] = ['pglite', ...((await postgresAvailable()) ? (['postgres'] as const) : [])];
if (kinds.length === 1) console.warn('PostgreSQL not reachable: database tests run on PGlite only');

describe.each(kinds)('database on %s', (kind) => {
  const opened = createTestDatabase(kind);
  afterAll(async () => (await opened).close());

  it('records every migration in Prisma\'s table and applies none twice', async () => {
    const db = await opened;
    const rows = await db.sql.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(listMigrations().map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(listMigrations().map((m) => m.checksum));
    expect(await migrate(db.sql)).toEqual([]);
  });

  it('reports a unique violation the same way on both databases', async () => {
    const { prisma } = await opened;
    await prisma.agency.create({ data: { id: 'dup', name: 'A' } });
    const error = await prisma.agency.create({ data: { id: 'dup', name: 'B' } }).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error('something else'))).toBe(false);
  });
});
