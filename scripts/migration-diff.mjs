// npm run db:diff -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the existing migrations to prisma/schema.prisma.
// Runs Prisma's WASM schema engine against a scratch PostgreSQL database that it creates
// and drops on the server at DIFF_SERVER_URL (default the local server).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { prismaOfflineEnv } from './prisma-env.mjs';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_');
if (!name) {
  console.error('usage: npm run db:diff -- <migration_name>');
  process.exit(2);
}
const server = process.env.DIFF_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const scratch = `lapor_diff_${randomBytes(4).toString('hex')}`;
const admin = async (statement) => {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};
const scratchUrl = new URL(server);
scratchUrl.pathname = `/${scratch}`;
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
// an empty database of its own: the migrations are replayed into it, whatever else the server holds
await admin(`CREATE DATABASE ${scratch}`);
let sql;
try {
  sql = execFileSync(
    process.execPath,
    [prismaCli, 'migrate', 'diff', '--config', 'scripts/prisma-diff.config.ts',
      '--from-migrations', 'prisma/migrations', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
    { env: { ...prismaOfflineEnv(), DIFF_DATABASE_URL: scratchUrl.toString() }, encoding: 'utf8' },
  );
} finally {
  await admin(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
}
if (!sql.trim() || /empty migration/i.test(sql)) {
  console.log('schema and migrations agree: nothing to write');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = `prisma/migrations/${stamp}_${name}`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/migration.sql`, sql);
console.log(`wrote ${dir}/migration.sql`);
