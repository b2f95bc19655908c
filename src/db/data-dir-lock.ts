// PGlite is one process's database: a second process opening the same directory would
// corrupt it. On Linux the lock is a listening socket in the abstract namespace, named after
// the directory: binding it is atomic, and the kernel releases it the moment its process
// dies (a killed hub not yet reaped, a zombie, holds no sockets), so a crashed hub comes
// back at once. Elsewhere a pid file guards it; a lock left by a dead process is taken over.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

/** Resolves with the release, which resolves once another process may take the lock. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  return process.platform === 'linux' ? socketLock(dir) : pidFileLock(dir);
}

function inUse(dir: string, pid: number | string): DataDirLockedError {
  return new DataDirLockedError(
    `the embedded database in ${dir} is in use by process ${pid} (a running lapor-hub); stop it, or set DATABASE_URL to share a PostgreSQL server`,
  );
}

/** The holder answers every connection with its pid, for the refusal to name it. */
async function socketLock(dir: string): Promise<() => Promise<void>> {
  const name = `\0lapor-hub-data-dir:${createHash('sha256').update(realpathSync(dir)).digest('hex')}`;
  const server: Server = createServer((socket) => socket.end(String(process.pid)));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(name, () => resolve());
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw inUse(dir, await holderPid(name));
  }
  server.unref(); // the lock never keeps the process alive
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

function holderPid(name: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = createConnection(name);
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(/^\d+$/.test(answer) ? answer : 'unknown'));
    socket.on('error', () => {});
  });
}

function pidFileLock(dir: string): () => Promise<void> {
  const path = join(dir, 'hub.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return async () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) throw inUse(dir, pid);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirLockedError(`could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
