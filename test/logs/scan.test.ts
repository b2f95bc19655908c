// The log scan itself: it finds each kind of leak with file and line and never prints the
// value, it passes clean lines, and the run's loggers really write where it looks.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestHub } from '../support/hub.js';
import { flushRunLogs, runLogDir } from '../support/log-run.js';
import { formatFinding, mask, scanDirectory, scanText } from '../support/log-scan.js';

const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 30, time: 1764633600000, pid: 4242, app: 'lapor-hub', ...fields });

describe('log scan', () => {
  it('finds a planted phone number, naming file and line, without printing the number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lapor-scan-'));
    writeFileSync(join(dir, 'hub-1.log'), [line({ msg: 'complaint filed', trackingId: '4829301' }), line({ msg: 'sms to 0812-3456-7890' })].join('\n'));
    const { files, lines, findings } = scanDirectory(dir);
    expect({ files, lines }).toEqual({ files: 1, lines: 2 });
    expect(findings).toEqual([{ file: join(dir, 'hub-1.log'), line: 2, kind: 'Indonesian phone number', masked: '08…90 (14 chars)' }]);
    expect(formatFinding(findings[0]!)).not.toContain('3456');
  });

  it.each([
    ['NIK (16 digits)', 'nik 3273012345670001 seen'],
    ['Indonesian phone number', '"phone":"+6281234567890"'],
    ['Indonesian phone number', 'call 62 812 9876 5432'.replace('62 ', '62')],
    ['Indonesian phone number', 'wa 081299990000.'],
    ['Telegram bot token', 'GET /bot7012345678:AAH8s-Fq1x9ZxYb3kLmNoPqRsTuVwXyZ012/getMe'],
    ['Bearer credential', '"authorization":"Bearer admin-key"'],
    ['name used by the tests', 'reporter siti rahmawati'],
    ['secret used by the tests', 'key=admin-key-for-tests-0123456789'],
    ["citizen's text used by the tests", 'Rumah saya di Jl. Melati 7'],
  ])('finds a %s', (kind, text) => {
    expect(scanText(text, 'x.log').map((f) => f.kind)).toContain(kind);
  });

  it('passes the lines the hub writes: ids, tracking numbers, times, ports, masked values', () => {
    const clean = [
      line({ msg: 'complaint filed', complaintId: '01KB0812345678ABCDEFGHJKMN', trackingId: '4829301', durationMs: 812 }),
      line({ msg: 'listening', url: 'http://127.0.0.1:40812', time: '2026-08-12T08:12:00.000Z' }),
      line({ msg: 'report', reporterPhone: '[hidden]', nik: '327301******0001', authorization: '[hidden]' }),
      // UUIDs whose digits look like a number (+62 8…) are ids, not phones
      line({ msg: 'job done', jobId: '62823271-2797-4026-8b02-7a191e5bfdfe', mediaId: 'a1b2c3d4-0812-4345-8678-081234567890' }),
    ].join('\n');
    expect(scanText(clean, 'clean.log')).toEqual([]);
  });

  it('masks short values entirely', () => {
    expect(mask('Budi')).toBe('… (4 chars)');
  });
});

describe('the run logs', () => {
  it.skipIf(process.env.TEST_LOG_LEVEL === 'silent')('receive a test hub\'s log lines at trace', async () => {
    const dir = runLogDir();
    expect(dir, 'vitest globalSetup sets LAPOR_TEST_LOG_DIR').toBeTruthy();
    const hub = await startTestHub();
    await fetch(`${hub.url}/healthz`);
    await hub.close();
    flushRunLogs();
    const file = readdirSync(dir!).find((name) => name === `hub-${process.pid}.log`);
    expect(file).toBeDefined();
    const levels = readFileSync(join(dir!, file!), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { level: number }).level);
    expect(levels.length).toBeGreaterThan(0);
  });
});
