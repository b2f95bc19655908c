// A real `lapor-hub start` child process for the benchmarks, and fresh PostgreSQL databases.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { dropDatabase, TEST_PG_URL } from '../../test/support/db.js';

const BIN = new URL('../../bin/lapor-hub.js', import.meta.url).pathname;

export interface HubProcess {
  child: ChildProcess;
  url: string;
  /** ms from spawn to the first 200 of /healthz */
  startMs: number;
  output(): string;
  stop(): Promise<void>;
}

/** An empty PostgreSQL database; drop() removes it. */
export async function freshDatabase(tag: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${tag}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(name) };
}

export async function startHubProcess(env: Record<string, string>, port: number, timeoutMs = 60_000): Promise<HubProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(join(tmpdir(), 'lapor-bench-')), PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`lapor-hub exited with ${child.exitCode}:\n${output}`);
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`no /healthz within ${timeoutMs} ms:\n${output}`);
    }
    const ok = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startMs = performance.now() - started;
  return {
    child, url, startMs, output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/** Waits until `lapor-hub start` has finished starting (workers, channels, poller). */
export async function untilRunning(hub: HubProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!hub.output().includes('lapor-hub is running')) {
    if (Date.now() > deadline) throw new Error(`lapor-hub did not finish starting:\n${hub.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resident set of a process in MB (/proc/<pid>/status VmRSS). */
export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
