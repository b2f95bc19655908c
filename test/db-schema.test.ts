// The SQL migrations build exactly what prisma/schema.prisma describes: the schema's own SQL
// (Prisma's `migrate diff --from-empty`, offline) and the migrations, each applied to an empty
// PGlite, give the same columns, indexes and constraints.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
// @ts-expect-error: a plain .mjs helper of the scripts, without types
import { prismaOfflineEnv } from '../scripts/prisma-env.mjs';

const CATALOG = `
  SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS item
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
  UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
  UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
  ORDER BY 1`;

async function catalog(db: Database): Promise<string[]> {
  return (await db.sql.query<{ item: string }>(CATALOG)).map((r) => r.item);
}

describe('migrations and schema.prisma', () => {
  it('agree', async () => {
    const schemaSql = execFileSync(process.execPath, [
      'node_modules/prisma/build/index.js', 'migrate', 'diff', '--config', 'scripts/prisma-diff.config.ts',
      '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script',
    ], { env: prismaOfflineEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const fromSchema = await openDatabase({});
    const fromMigrations = await openDatabase({});
    try {
      await fromSchema.sql.exec(schemaSql);
      await migrate(fromMigrations.sql);
      const expected = await catalog(fromSchema);
      expect(expected.length).toBeGreaterThan(20);
      expect(await catalog(fromMigrations)).toEqual(expected);
    } finally {
      await fromSchema.close();
      await fromMigrations.close();
    }
  }, 120_000); // Prisma's WASM schema engine and two PGlite instances: 20–35 s on 2 busy cores
});
