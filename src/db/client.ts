// The database: PostgreSQL when DATABASE_URL is set, embedded PGlite in DATA_DIR otherwise.
// Same schema, same SQL migrations, same Prisma client on both.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaClient } from '@prisma/client';
import { lockDataDir } from './data-dir-lock.js';
import { DatabaseEngineDied, guardPglite } from './pglite-guard.js';
import { withStorableText } from './text-guard.js';

export type Prisma = PrismaClient;
export { DatabaseEngineDied } from './pglite-guard.js';

/** Raw SQL access, for the migration runner and health checks. */
export interface SqlRunner {
  /** several statements, no parameters */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  /** PostgreSQL: the connection string, for a session of its own (advisory locks held while a channel runs) */
  url?: string;
  prisma: PrismaClient;
  sql: SqlRunner;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://... ; unset: PGlite */
  url?: string;
  /** PGlite data directory; unset with no url: in memory (tests) */
  dataDir?: string;
  /** told when an idle PostgreSQL connection fails (server restarted, database dropped) */
  onConnectionError?: (error: Error) => void;
  /**
   * told once when the embedded engine (PGlite) dies: a query crashed it, and every query
   * from then on throws DatabaseEngineDied. The process cannot recover in place; the CLI logs
   * it and exits for its supervisor to restart it (src/app.ts, src/cli/start.ts).
   */
  onFatal?: (error: DatabaseEngineDied) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.onConnectionError) : openPglite(options.dataDir, options.onFatal);
}

// Each kind's driver and adapter are imported when that kind is opened: the embedded engine
// alone is about 0.1 s of a start that does not use it.
async function openPostgres(url: string, onConnectionError?: (error: Error) => void): Promise<Database> {
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import('pg'), import('@prisma/adapter-pg')]);
  // 20: under a web chat load of 100 sessions, 10 connections were a queue of their own (a
  // new chat, two statements, waited twice; p99 about a sixth higher). Each process holds up
  // to 20 of PostgreSQL's max_connections (100 by default).
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  // An idle connection that the server ends (restart, administrator command) emits 'error'
  // on the pool; unhandled, it would crash the process. The pool drops that connection and
  // the next query opens a new one, so telling is all there is to do.
  pool.on('error', (error) => onConnectionError?.(error));
  const prisma = withStorableText(new PrismaClient({ adapter: new PrismaPg(pool) }));
  return {
    kind: 'postgres',
    url,
    prisma,
    sql: {
      exec: async (sql) => void (await pool.query(sql)),
      query: async (sql, params) => (await pool.query({ name: statementName(sql), text: sql, values: params as unknown[] })).rows,
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

// The driver's statements (the turn's, src/hub/turn-sql.ts) are named, so that each connection
// parses them once and PostgreSQL can keep their plan: under load, parsing and planning them
// afresh every time took about half of the server's CPU. Their texts are a handful of fixed
// ones; past MAX_NAMED, a text runs unnamed (parsed every time) rather than growing the map.
const MAX_NAMED = 200;
const statementNames = new Map<string, string>();
export function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (!name && statementNames.size < MAX_NAMED) statementNames.set(sql, (name = `lh_${statementNames.size}`));
  return name;
}

async function openPglite(dataDir?: string, onFatal?: (error: DatabaseEngineDied) => void): Promise<Database> {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  let dir: string | undefined;
  let unlock = async () => {};
  if (dataDir) {
    dir = join(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  const client = dir ? await PGlite.create(dir) : await PGlite.create();
  // a query that crashes the engine makes every later one throw, never answer [] (pglite-guard.ts)
  const guard = guardPglite(client, onFatal ?? (() => {}));
  // the adapter is built against an older @prisma/driver-adapter-utils whose types differ
  // only nominally (same argTypes shape at run time; the database tests cover it)
  const prisma = withStorableText(new PrismaClient({ adapter: new PrismaPGlite(client) as never }));
  return {
    kind: 'pglite',
    prisma,
    sql: {
      exec: async (sql) => void (await client.exec(sql)),
      query: async <T,>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
    },
    close: async () => {
      await prisma.$disconnect();
      // a dead engine is not entered again (it may spin): what is on disk is what its WAL holds
      if (!guard.died) await client.close();
      await unlock();
    },
  };
}

/** A unique-constraint violation, as Prisma reports it on PostgreSQL (P2002) or PGlite (23505). */
export function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (code === 'P2002' || code === '23505') return true;
    const original = (e as { originalCode?: unknown }).originalCode;
    if (original === '23505') return true;
    e = cause;
  }
  return /23505|Unique constraint failed|duplicate key/i.test(String((error as Error)?.message ?? ''));
}
