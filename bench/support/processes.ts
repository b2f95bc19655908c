// The processes a benchmark drives: the hub (`lapor-hub start`, as an operator runs it) and
// the baseline server, each a child process, on a fresh PostgreSQL database and a Redis
// logical database of their own; everything is removed again by `cleanup()`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { freePort } from '../../test/support/process.js';

const BIN = fileURLToPath(new URL('../../bin/lapor-hub.js', import.meta.url));
const BASELINE = fileURLToPath(new URL('./baseline-server.ts', import.meta.url));
export const PG_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const cleanups: Array<() => Promise<void>> = [];
export async function cleanup(): Promise<void> {
  for (const undo of cleanups.splice(0).reverse()) await undo().catch((e) => console.error('cleanup:', e));
}

export async function reachable(kind: 'postgres' | 'redis'): Promise<boolean> {
  try {
    if (kind === 'postgres') {
      const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1500 });
      client.on('error', () => {});
      await client.connect();
      await client.end();
    } else {
      const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0 });
      redis.on('error', () => {});
      await redis.connect();
      redis.disconnect();
    }
    return true;
  } catch {
    return false;
  }
}

/** A fresh, empty database `bench_<label>_<random>`; its URL. */
export async function createDatabase(label: string): Promise<string> {
  const name = `bench_${label}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  cleanups.push(async () => void (await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A Redis logical database nobody uses (empty when picked): the hub has no setting for its
 * BullMQ key prefix, and other hubs on this Redis use the default one in database 0.
 */
export async function freeRedisDatabase(): Promise<string> {
  for (let db = 15; db >= 1; db--) {
    const redis = new Redis(`${REDIS_URL}/${db}`);
    const size = await redis.dbsize();
    if (size === 0) {
      await redis.set('bench:claimed', String(process.pid), 'EX', 600);
      redis.disconnect();
      cleanups.push(async () => {
        const r = new Redis(`${REDIS_URL}/${db}`);
        // only the hub's keys (prefix lapor-hub) and the claim
        for (const pattern of ['lapor-hub:*', 'bench:claimed']) {
          let cursor = '0';
          do {
            const [next, keys] = await r.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
            if (keys.length) await r.del(...keys);
            cursor = next;
          } while (cursor !== '0');
        }
        r.disconnect();
      });
      return `${REDIS_URL}/${db}`;
    }
    redis.disconnect();
  }
  throw new Error('no empty Redis logical database (1-15) to run the hub on');
}

/** `lapor-hub start` with DATA_DIR in a temp dir; resolves with its URL once /healthz answers. */
export async function startHub(env: Record<string, string>): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lapor-bench-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const clean = { ...process.env };
  for (const key of ['DATABASE_URL', 'REDIS_URL']) delete clean[key];
  // BENCH_HUB_NODE_ARGS: node flags for the hub only (a CPU profile: --cpu-prof --cpu-prof-dir=...)
  const nodeArgs = (process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'start'], {
    env: { ...clean, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  await ready(child, 'hub', () => fetch(`${url}/healthz`).then((r) => r.ok, () => false));
  return url;
}

/** The baseline server on the given database. */
export async function startBaseline(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', BASELINE], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await ready(child, 'baseline', async () => output(child).includes('listening'));
  return `http://127.0.0.1:${port}`;
}

const outputs = new WeakMap<ChildProcess, string>();
const output = (child: ChildProcess) => outputs.get(child) ?? '';

async function ready(child: ChildProcess, name: string, isUp: () => Promise<boolean>, timeoutMs = 90_000) {
  const keep = (chunk: Buffer) => outputs.set(child, (output(child) + chunk).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  cleanups.push(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  });
  const deadline = Date.now() + timeoutMs;
  while (!(await isUp())) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output(child)}`);
    if (Date.now() > deadline) throw new Error(`${name} did not come up within ${timeoutMs} ms:\n${output(child)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
