// The process-level error policy in a real Node process: an unhandled rejection whose error
// quotes the bot token (as a failed Bot API URL does) is logged masked and the process keeps
// serving; the hub's log lines mask configured secrets and token-shaped strings, stacks included.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TOKEN = '7712345678:AAHkT3st-Token_thatLooksReal0123456789';
const ADMIN_KEY = 'admin-key-very-secret-42';
const root = fileURLToPath(new URL('../../', import.meta.url));

const SCRIPT = `
import { handleProcessErrors } from './src/cli/process-errors.ts';
import { createLogger } from './src/log.ts';
handleProcessErrors();
const log = createLogger('info');
log.error({ err: { message: 'GET https://api.telegram.org/file/bot${TOKEN}/documents/x.pdf failed', stack: 'Error: key ${ADMIN_KEY}' } }, 'download failed');
Promise.reject(new Error('fetch https://api.telegram.org/bot${TOKEN}/getFile timed out'));
setTimeout(() => { console.log('still serving'); process.exit(0); }, 300);
`;

describe('process-level errors', () => {
  it('logs an unhandled rejection without the token and keeps serving; log lines mask secrets', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: root, env: { ...process.env, TELEGRAM_BOT_TOKEN: TOKEN, ADMIN_API_KEY: ADMIN_KEY }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const [code] = await once(child, 'exit');
    expect(output).toContain('unhandled rejection (still serving)');
    expect(output).toContain('still serving');
    expect(code).toBe(0);
    expect(output).toContain('download failed');
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain('AAHkT3st');
    expect(output).not.toContain(ADMIN_KEY);
  });
});
