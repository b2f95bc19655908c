// A crashed `lapor-hub start` on the embedded database comes back at once: killed with
// SIGKILL and started again before anything reaped it (it is still a zombie), the new hub
// takes the data directory, serves, and has kept the data. Two live hubs are still refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, freePort, kill, runCli, startHubProcess, type HubProcess } from '../support/process.js';
import { WebchatClient } from '../support/webchat-client.js';

/**
 * Starts the hub in its own process group (setsid) under a parent that never reaps it
 * (`sleep`), as when a supervisor or an init without a reaper is slow to: once killed, the
 * hub stays a zombie until the parent goes.
 */
async function startUnreapedHub(env: Record<string, string>): Promise<{ parent: ChildProcess; hubPid: number; output: () => string }> {
  const parent = spawn('sh', ['-c', 'setsid "$@" & echo "hub-pid $!"; exec sleep 600', 'sh', process.execPath, BIN, 'start'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  parent.stdout!.on('data', (chunk) => (output += chunk));
  parent.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (!output.includes('lapor-hub is running')) {
    if (parent.exitCode !== null || Date.now() > deadline) throw new Error(`lapor-hub did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const hubPid = Number(/hub-pid (\d+)/.exec(output)![1]);
  return { parent, hubPid, output: () => output };
}

function processState(pid: number): string | undefined {
  try {
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

describe('lapor-hub start after a crash', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lapor-crash-'));
  let parent: ChildProcess | undefined;
  let hub: HubProcess | undefined;
  afterAll(async () => {
    if (hub) await kill(hub);
    parent?.kill('SIGKILL');
  });

  it('starts again at once after SIGKILL of its process group, with the data kept', { timeout: 120_000 }, async () => {
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()) };
    const first = await startUnreapedHub(env);
    parent = first.parent;
    const url = `http://127.0.0.1:${env.PORT}`;
    const chat = new WebchatClient(url);
    await chat.say({ text: 'halo' });
    const before = (await chat.history()).length;
    expect(before).toBeGreaterThan(0);

    process.kill(-first.hubPid, 'SIGKILL');
    const deadline = Date.now() + 5000;
    while (processState(first.hubPid) !== 'Z' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(processState(first.hubPid)).toBe('Z'); // dead, not reaped: its pid still "exists"

    hub = await startHubProcess(env);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await chat.history()).length).toBe(before);
  });

  it('refuses a second hub on a data directory a live hub holds', { timeout: 120_000 }, async () => {
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()) };
    hub ??= await startHubProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    const second = await runCli(['start'], { ...env, LOG_LEVEL: 'warn' });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is in use by process ${hub.child.pid}`);
  });
});
