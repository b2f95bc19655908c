// Runs `lapor-hub` as a real child process, as an operator would.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { processOutputFile, runLogDir } from './log-run.js';

export const BIN = fileURLToPath(new URL('../../bin/lapor-hub.js', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export interface HubProcess {
  child: ChildProcess;
  output: () => string;
}

/** Starts `lapor-hub start` and resolves once it says it is running. */
export async function startHubProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<HubProcess> {
  const child = spawn(process.execPath, [BIN, 'start'], {
    // trace while the run's logs are kept (the log scan reads them), else warnings only
    env: { ...process.env, LOG_LEVEL: runLogDir() ? 'trace' : 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const record = processOutputFile('start');
  const capture = (chunk: Buffer) => {
    output += chunk;
    record(chunk);
  };
  child.stdout!.on('data', capture);
  child.stderr!.on('data', capture);
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('lapor-hub is running')) {
    if (child.exitCode !== null) throw new Error(`lapor-hub exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`lapor-hub did not start within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output: () => output };
}

export async function kill(hub: HubProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
  if (hub.child.exitCode !== null) return hub.child.exitCode;
  const exited = once(hub.child, 'exit');
  hub.child.kill(signal);
  const [code] = await exited;
  return code as number | null;
}

/** Runs `lapor-hub <args>` to completion. */
export async function runCli(args: string[], env: Record<string, string> = {}, input?: string) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // stdout is the command's answer (nlp parse echoes its input); stderr is its log and crash output
  const record = processOutputFile(args[0] ?? 'cli');
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
    record(chunk);
  });
  child.stdin.end(input ?? '');
  const [code] = await once(child, 'exit');
  return { code: code as number | null, stdout, stderr };
}
