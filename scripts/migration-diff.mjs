// npm run db:diff -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the existing migrations to prisma/schema.prisma.
// Runs Prisma's WASM schema engine against a scratch PostgreSQL database
// (DIFF_DATABASE_URL, default the local server's `postgres` database).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { prismaOfflineEnv } from './prisma-env.mjs';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_');
if (!name) {
  console.error('usage: npm run db:diff -- <migration_name>');
  process.exit(2);
}
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const sql = execFileSync(
  process.execPath,
  [prismaCli, 'migrate', 'diff', '--config', 'scripts/prisma-diff.config.ts',
    '--from-migrations', 'prisma/migrations', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
  { env: prismaOfflineEnv(), encoding: 'utf8' },
);
if (!sql.trim() || /empty migration/i.test(sql)) {
  console.log('schema and migrations agree: nothing to write');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = `prisma/migrations/${stamp}_${name}`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/migration.sql`, sql);
console.log(`wrote ${dir}/migration.sql`);
