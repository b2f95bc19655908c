import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { runCli } from './support/process.js';

describe('configuration from the environment', () => {
  it('has embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, simulator: true, TELEGRAM_MODE: 'polling', AGENCY_NAME: 'Instansi Pelaksana', WHATSAPP_WEB: 'off' });
    expect(config.LAPOR_API_URL).toBe('http://127.0.0.1:3000/simulator/lapor');
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: must be a URL starting with postgresql:/],
    [{ LAPOR_API_URL: 'not a url' }, /^LAPOR_API_URL: /],
    [{ LAPOR_POLL_INTERVAL_MS: '-5' }, /^LAPOR_POLL_INTERVAL_MS: /],
    [{ TELEGRAM_MODE: 'push' }, /^TELEGRAM_MODE: must be polling or webhook/],
    [{ TELEGRAM_BOT_TOKEN: 'nope' }, /^TELEGRAM_BOT_TOKEN: /],
    [{ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_MODE: 'webhook' }, /^TELEGRAM_WEBHOOK_SECRET: required/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ ADMIN_API_KEY: 'short' }, /^ADMIN_API_KEY: /],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('stops `lapor-hub start` on a bad HOLIDAYS_FILE with one line naming it and the problem', async () => {
    for (const [holidays, problem] of [
      ['/nonexistent/holidays.yaml', /HOLIDAYS_FILE: \/nonexistent\/holidays\.yaml: no such file$/],
      [badHolidayFile(), /HOLIDAYS_FILE: .*holidays\.yaml: days\.0\.date is not a calendar date$/],
    ] as const) {
      const { code, stderr } = await runCli(['start'], { HOLIDAYS_FILE: holidays, SLA_DIGEST_HOUR: '7' });
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^lapor-hub: configuration error: /)]);
      expect(stderr.trim()).toMatch(problem);
    }
  });

  it.each([
    [{ SLA_DIGEST_HOUR: '24' }, /^SLA_DIGEST_HOUR: must be 0–23/],
    [{ SLA_DIGEST_HOUR: 'pagi' }, /^SLA_DIGEST_HOUR: must be a number/],
    [{ SLA_DIGEST_LIMIT: '0' }, /^SLA_DIGEST_LIMIT: must be positive/],
  ])('rejects %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('stops `lapor-hub start` with one line and no stack trace', async () => {
    const { code, stderr, stdout } = await runCli(['start'], { PORT: 'abc' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^lapor-hub: configuration error: PORT: /)]);
  });
});

function badHolidayFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'holidays-')), 'holidays.yaml');
  writeFileSync(path, 'days:\n  - { date: 2026-02-30, type: cuti_bersama, name: X }\n');
  return path;
}
