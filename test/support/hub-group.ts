// `lapor-hub start` in its own process group, so that a test can SIGKILL the whole group at
// once, as an OOM killer or a container runtime does.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { BIN } from './process.js';

export interface HubGroup {
  child: ChildProcess;
  output: () => string;
}

export async function startHubGroup(env: Record<string, string>, timeoutMs = 60_000): Promise<HubGroup> {
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // leader of a new process group: pid = pgid
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('lapor-hub is running')) {
    if (child.exitCode !== null) throw new Error(`lapor-hub exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await killGroup({ child, output: () => output });
      throw new Error(`lapor-hub did not start within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output: () => output };
}

/** Signals the whole group and waits for the leader to exit; returns its exit code (null: killed). */
export async function killGroup(hub: HubGroup, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
  if (hub.child.exitCode !== null || hub.child.signalCode !== null) return hub.child.exitCode;
  const exited = once(hub.child, 'exit');
  process.kill(-hub.child.pid!, signal);
  const [code] = await exited;
  return code as number | null;
}
