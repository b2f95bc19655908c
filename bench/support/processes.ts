// The processes a benchmark drives: the hub (`lapor-hub start`, as an operator runs it, or
// `lapor-hub worker`, workers only) and the baseline server, each a child process, on a fresh
// PostgreSQL database and a Redis logical database of their own; everything is removed again
// by `cleanup()` (child processes stopped, databases dropped, Redis keys deleted, temp dirs removed).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/** A temp dir, removed by cleanup(). */
export async function tempDir(label = 'lapor-bench-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), label));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface HubProcess {
  child: ChildProcess;
  /** the HTTP address; for a worker the address its PORT names (it serves nothing) */
  url: string;
  /** ms from spawn to ready: the first 200 of /healthz, or a worker's "lapor-hub started" */
  startMs: number;
  /** the last 20 kB of its stdout and stderr */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it has exited */
  stop(): Promise<void>;
}

export interface HubOptions {
  /** added to (and overriding) the defaults: LOG_LEVEL=warn, DATA_DIR in a temp dir, PORT */
  env?: Record<string, string>;
  /** default: a free one */
  port?: number;
  /** `worker`: workers only, no HTTP (scaling out with Redis) */
  command?: 'start' | 'worker';
  timeoutMs?: number;
}

/** `lapor-hub start` (or `worker`); resolves once it is ready. Stopped by cleanup() if not before. */
export async function startHubProcess(o: HubOptions = {}): Promise<HubProcess> {
  const command = o.command ?? 'start';
  const port = o.port ?? (await freePort());
  const clean = { ...process.env };
  // this shell's settings must not leak into the hub under test
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'LAPOR_API_URL', 'LAPOR_POLL_INTERVAL_MS']) delete clean[key];
  const env: Record<string, string | undefined> = { ...clean, PORT: String(port), LOG_LEVEL: 'warn', ...o.env };
  if (!o.env?.DATA_DIR) env.DATA_DIR = await tempDir();
  // a worker has no /healthz: its readiness is the info line `lapor-hub started`
  if (command === 'worker' && !o.env?.LOG_LEVEL) env.LOG_LEVEL = 'info';
  const started = performance.now();
  // BENCH_HUB_NODE_ARGS: node flags for the hub only (a CPU profile: --cpu-prof --cpu-prof-dir=...)
  const nodeArgs = (process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, BIN, command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = `http://127.0.0.1:${port}`;
  const hub: HubProcess = { child, url, startMs: NaN, output: () => output(child), stop: () => stopChild(child) };
  await ready(child, `lapor-hub ${command}`, command === 'start'
    ? () => fetch(`${url}/healthz`).then((r) => r.ok, () => false)
    : async () => output(child).includes('lapor-hub started'), o.timeoutMs, 10);
  hub.startMs = performance.now() - started;
  return hub;
}

/** `lapor-hub start` with DATA_DIR in a temp dir; resolves with its URL once /healthz answers. */
export async function startHub(env: Record<string, string>): Promise<string> {
  return (await startHubProcess({ env })).url;
}

/** Waits until `lapor-hub start` has finished starting (workers, channels, poller), after /healthz. */
export async function untilRunning(hub: HubProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!hub.output().includes('lapor-hub is running')) {
    if (hub.child.exitCode !== null) throw new Error(`lapor-hub exited with ${hub.child.exitCode}:\n${hub.output()}`);
    if (Date.now() > deadline) throw new Error(`lapor-hub did not finish starting:\n${hub.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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

/** Resident set of a process in MB (/proc/<pid>/status VmRSS). */
export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

const outputs = new WeakMap<ChildProcess, string>();
const output = (child: ChildProcess) => outputs.get(child) ?? '';

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function ready(child: ChildProcess, name: string, isUp: () => Promise<boolean>, timeoutMs = 90_000, pollMs = 100) {
  const keep = (chunk: Buffer) => outputs.set(child, (output(child) + chunk).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  cleanups.push(() => stopChild(child));
  const deadline = Date.now() + timeoutMs;
  while (!(await isUp())) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output(child)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not come up within ${timeoutMs} ms:\n${output(child)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
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

/** The hub's database and queue settings: a fresh database and Redis DB, or none (PGlite, in-process queue). */
export async function hubStorage(db: 'postgres' | 'embedded', label: string): Promise<Record<string, string>> {
  return db === 'postgres' ? { DATABASE_URL: await createDatabase(label), REDIS_URL: await freeRedisDatabase() } : {};
}

/** postgres when PostgreSQL and Redis are reachable, else embedded; an explicit choice wins. */
export async function chooseDb(choice?: 'postgres' | 'embedded'): Promise<'postgres' | 'embedded'> {
  return choice ?? ((await reachable('postgres')) && (await reachable('redis')) ? 'postgres' : 'embedded');
}
