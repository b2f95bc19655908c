// A query that crashes PGlite's WebAssembly engine (a jsonb value nested thousands of levels
// deep: the 1000-run webhook fuzz found it) used to leave the instance "working": PGlite still
// says ready, and later queries threw the same RuntimeError, answered [] (even SELECT 1: the
// hub went on losing every write silently) or spun forever inside the engine. Now the query
// that crashed it rejects, every later one rejects with DatabaseEngineDied without entering
// the engine again, and the database's onFatal is told once: the hub logs and exits.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it, vi } from 'vitest';
import { createHub } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DatabaseEngineDied, openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { guardPglite, isEngineFailure } from '../../src/db/pglite-guard.js';
import { createLogger } from '../../src/log.js';

/**
 * jsonb text nested `depth` arrays deep. How deep crashes the engine depends on the stack the
 * caller leaves it (847 levels from a plain node script; between 1,000 and 3,000 under
 * vitest); 5,000 crashes it everywhere.
 */
const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const KILLING_DEPTH = 5_000;

describe('PGlite alone (the bug)', () => {
  it('does not notice that its engine crashed: it still says ready and open', async () => {
    const client = await PGlite.create();
    const crash = await client.query('SELECT $1::jsonb', [deepJson(KILLING_DEPTH)]).catch((e: unknown) => e);
    expect(isEngineFailure(crash)).toBe(true);
    expect(client.ready).toBe(true);
    expect(client.closed).toBe(false);
    // not closed: entering the dead engine again may never return
  });
});

describe('a PGlite database whose engine crashed', () => {
  it('rejects the query that crashed it, every later query, raw or through Prisma, and tells onFatal once', async () => {
    const onFatal = vi.fn();
    const db = await openDatabase({ onFatal });
    await migrate(db.sql);
    await db.prisma.processedKey.create({ data: { key: 'before' } });

    const crash = await db.sql.query('SELECT $1::jsonb AS j', [deepJson(KILLING_DEPTH)]).catch((e: unknown) => e);
    expect(crash).toBeInstanceOf(DatabaseEngineDied);
    expect(isEngineFailure((crash as Error).cause)).toBe(true);

    await expect(db.sql.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseEngineDied);
    await expect(db.sql.exec('SELECT 1')).rejects.toBeInstanceOf(DatabaseEngineDied);
    await expect(db.prisma.processedKey.create({ data: { key: 'after' } })).rejects.toThrow(/engine \(PGlite\) died/);
    await expect(db.prisma.processedKey.findMany()).rejects.toThrow(/engine \(PGlite\) died/);
    await expect(db.prisma.$transaction(async (tx) => tx.processedKey.count())).rejects.toThrow(/engine \(PGlite\) died/);

    expect(onFatal).toHaveBeenCalledTimes(1);
    expect(onFatal.mock.calls[0]![0]).toBeInstanceOf(DatabaseEngineDied);
    expect(onFatal.mock.calls[0]![0].message).toBe((crash as Error).message);
    await db.close(); // does not enter the dead engine (it could spin forever)
  });

  it('dies the same way when the crash happens inside a Prisma transaction (the webhook inbox writes raw SQL)', async () => {
    const onFatal = vi.fn();
    const db = await openDatabase({ onFatal });
    await migrate(db.sql);
    const deep = deepJson(KILLING_DEPTH);
    const crash = await db.prisma.$transaction(async (tx) => {
      await tx.processedKey.create({ data: { key: 'in-the-transaction' } });
      await tx.$queryRaw`INSERT INTO "PendingUpdate" ("id", "agencyId", "trackingId", "update") VALUES ('a:1', 'a', 't', ${deep}::jsonb) RETURNING "id"`;
    }).catch((e: unknown) => e);
    expect(String((crash as Error).message)).toMatch(/engine \(PGlite\) died/);
    await expect(db.sql.query('SELECT count(*) FROM "ProcessedKey"')).rejects.toBeInstanceOf(DatabaseEngineDied);
    await expect(db.prisma.pendingUpdate.count()).rejects.toThrow(/engine \(PGlite\) died/);
    expect(onFatal).toHaveBeenCalledTimes(1);
    await db.close();
  });
});

describe('guardPglite', () => {
  it('takes a stack overflow out of the engine for its death, and a SELECT answered without columns too', async () => {
    const overflowed = vi.fn();
    const overflowing = {
      execProtocolRawSync: () => { throw new RangeError('Maximum call stack size exceeded'); },
      query: async () => ({ rows: [], fields: [] }),
      transaction: async () => {},
    };
    guardPglite(overflowing as never, overflowed);
    expect(() => overflowing.execProtocolRawSync()).toThrow(DatabaseEngineDied);
    await expect((overflowing.query as (sql: string) => Promise<unknown>)('SELECT 1')).rejects.toBeInstanceOf(DatabaseEngineDied);
    expect(overflowed).toHaveBeenCalledTimes(1);

    const emptied = vi.fn();
    const empty = { execProtocolRawSync: () => new Uint8Array(0), query: async () => ({ rows: [], fields: [], affectedRows: 0 }), transaction: async () => {} };
    const guard = guardPglite(empty as never, emptied);
    const query = empty.query as (sql: string) => Promise<unknown>;
    await expect(query('INSERT INTO t VALUES (1)')).resolves.toEqual({ rows: [], fields: [], affectedRows: 0 });
    expect(guard.died).toBeUndefined();
    await expect(query('SELECT 1')).rejects.toThrow(/without a row description/);
    await expect(query('INSERT INTO t VALUES (1)')).rejects.toBeInstanceOf(DatabaseEngineDied);
    expect(emptied).toHaveBeenCalledTimes(1);
  });

  it('leaves ordinary errors alone: a PostgreSQL error is not a death', async () => {
    const onFatal = vi.fn();
    const db = await openDatabase({ onFatal });
    await expect(db.sql.query('SELECT * FROM no_such_table')).rejects.toThrow(/does not exist/);
    expect(await db.sql.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(onFatal).not.toHaveBeenCalled();
    await db.close();
  });

  it('classifies what the engine throws when it fails', () => {
    expect(isEngineFailure(new WebAssembly.RuntimeError('memory access out of bounds'))).toBe(true);
    expect(isEngineFailure(new WebAssembly.RuntimeError('unreachable'))).toBe(true);
    expect(isEngineFailure(new RangeError('Maximum call stack size exceeded'))).toBe(true);
    expect(isEngineFailure(new Error('Aborted(OOM). Build with -sASSERTIONS for more info.'))).toBe(true);
    expect(isEngineFailure(new RangeError('Invalid array length'))).toBe(false);
    expect(isEngineFailure(new Error('relation "x" does not exist'))).toBe(false);
    expect(isEngineFailure('a string')).toBe(false);
  });
});

describe('a hub whose embedded engine dies', () => {
  it('logs one fatal line and calls its onFatal once (lapor-hub start exits there)', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done(); } });
    const config = loadConfig({ PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'lapor-hub-engine-death-')), LAPOR_POLL_INTERVAL_MS: '600000' });
    const onFatal = vi.fn();
    // no db handed in: the hub opens its PGlite in DATA_DIR, as `lapor-hub start` does
    const hub = await createHub(config, { logger: createLogger('info', sink), nlp: false, poller: false, slaClocks: false, http: false, workers: false, channels: false, onFatal });
    await expect(hub.db.sql.query('SELECT $1::jsonb', [deepJson(KILLING_DEPTH)])).rejects.toBeInstanceOf(DatabaseEngineDied);
    await expect(hub.prisma.agency.findMany()).rejects.toThrow(/engine \(PGlite\) died/);
    expect(onFatal).toHaveBeenCalledTimes(1);
    const fatal = lines.filter((line) => line.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.msg).toMatch(/embedded database engine died/);
    expect(fatal[0]!.err).toMatch(/RuntimeError|RangeError/);
    await hub.stop();
  });
});

describe('a restart after the engine died', () => {
  it('opens the data directory again on a fresh engine, with what was committed before the death', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lapor-hub-engine-restart-'));
    const dead = await openDatabase({ dataDir, onFatal: vi.fn() });
    await migrate(dead.sql);
    await dead.prisma.processedKey.create({ data: { key: 'before the death' } });
    await expect(dead.sql.query('SELECT $1::jsonb', [deepJson(KILLING_DEPTH)])).rejects.toBeInstanceOf(DatabaseEngineDied);
    await dead.close(); // releases the data directory without entering the dead engine

    // what the supervisor's restart of lapor-hub start does: a new engine on the same files
    const restarted = await openDatabase({ dataDir, onFatal: vi.fn() });
    await migrate(restarted.sql);
    expect((await restarted.prisma.processedKey.findMany()).map((row) => row.key)).toEqual(['before the death']);
    await restarted.prisma.processedKey.create({ data: { key: 'after the restart' } });
    expect(await restarted.prisma.processedKey.count()).toBe(2);
    await restarted.close();
  });
});
