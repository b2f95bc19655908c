// lapor-hub whatsapp pair, in-process with a fake WhatsApp: QR or pairing code printed, exit 0
// once the connection is open; 2 for a bad invocation, 1 on timeout. The session it stores
// in the database is resumed by the next hub without pairing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairingEvent } from '../../bots/whatsapp-web/index.js';
import { whatsappCommand } from '../../src/cli/whatsapp.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { FakeWhatsapp } from '../doubles/baileys-socket.js';
import { createTestDatabase } from '../support/db.js';
import { eventually, startTestHub } from '../support/hub.js';
import { runLogDestination, runLogLevel } from '../support/log-run.js';

function capture() {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  return { stream, text: () => chunks.join('') };
}

const config = (env: Record<string, string> = {}) => loadConfig({
  PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'wweb-pair-')), LOG_LEVEL: 'silent', WHATSAPP_WEB: 'on', ...env,
});

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

function run(args: string[], whatsapp: FakeWhatsapp, options: { env?: Record<string, string>; timeoutMs?: number; onPairing?: (e: PairingEvent) => void } = {}) {
  const out = capture();
  const err = capture();
  const code = whatsappCommand(args[0], args.slice(1), config(options.env), {
    tuning: { makeSocket: whatsapp.makeSocket, pacing: { gapMs: 0, jitterMs: 0 }, onPairing: options.onPairing },
    timeoutMs: options.timeoutMs ?? 10_000,
    out: out.stream,
    err: err.stream,
    hub: { db, logger: createLogger(runLogLevel(), runLogDestination('whatsapp-pair')) },
  });
  return { code, out, err };
}

describe('lapor-hub whatsapp pair', () => {
  it('exits 2 with one line when WHATSAPP_WEB is off or --phone is not a phone number', async () => {
    const off = run(['pair'], new FakeWhatsapp(), { env: { WHATSAPP_WEB: 'off' } });
    expect(await off.code).toBe(2);
    expect(off.err.text()).toMatch(/^lapor-hub whatsapp: WHATSAPP_WEB is off.*\n$/);
    const bad = run(['pair', '--phone', 'budi'], new FakeWhatsapp());
    expect(await bad.code).toBe(2);
    expect(bad.err.text().trim().split('\n')).toHaveLength(1);
    expect(await run(['pair', '--phone'], new FakeWhatsapp()).code).toBe(2);
    expect(await run(['unpair'], new FakeWhatsapp()).code).toBe(2);
  });

  it('prints a QR, waits for the scan and the 515 restart, says connected and exits 0; the next hub resumes', async () => {
    const whatsapp = new FakeWhatsapp();
    const events: PairingEvent[] = [];
    const { code, out } = run(['pair'], whatsapp, { onPairing: (e) => void events.push(e) });
    await eventually(async () => events.some((e) => e.type === 'qr'));
    expect(out.text()).toMatch(/Pindai kode QR/);
    await whatsapp.current!.pairSuccess();
    expect(await code).toBe(0);
    expect(out.text()).toMatch(/WhatsApp terhubung/);
    expect(whatsapp.sockets).toHaveLength(2);

    // `lapor-hub start` on the same database: open at once, no QR
    const later: PairingEvent[] = [];
    const hub = await startTestHub({ WHATSAPP_WEB: 'on' }, {
      db,
      channelTuning: { 'whatsapp-web': { makeSocket: whatsapp.makeSocket, terminal: null, onPairing: (e: PairingEvent) => void later.push(e) } },
    });
    try {
      await eventually(async () => later.some((e) => e.type === 'open'));
      expect(later.filter((e) => e.type === 'qr')).toEqual([]);
    } finally {
      await hub.close();
    }
  });

  it('with --phone prints a pairing code instead and exits 0 once it is typed on the phone', async () => {
    // a database of its own: the one above holds a paired session
    const own = await createTestDatabase();
    try {
      const whatsapp = new FakeWhatsapp();
      const out = capture();
      const events: PairingEvent[] = [];
      const code = whatsappCommand('pair', ['--phone', '+62 812-3456-7890'], config(), {
        tuning: { makeSocket: whatsapp.makeSocket, onPairing: (e) => void events.push(e) },
        out: out.stream, err: capture().stream, hub: { db: own, logger: createLogger('silent') },
      });
      const event = await eventually(async () => events.find((e) => e.type === 'code'));
      expect(whatsapp.current!.pairingCodeRequests).toEqual(['6281234567890']);
      const shown = event.type === 'code' ? event.code : '';
      expect(out.text()).toContain(shown);
      await whatsapp.enterCode(shown);
      expect(await code).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('exits 1 with one line when nobody pairs in time', async () => {
    const own = await createTestDatabase();
    try {
      const err = capture();
      const code = await whatsappCommand('pair', [], config(), {
        tuning: { makeSocket: new FakeWhatsapp().makeSocket },
        timeoutMs: 300, out: capture().stream, err: err.stream, hub: { db: own, logger: createLogger('silent') },
      });
      expect(code).toBe(1);
      expect(err.text()).toMatch(/^lapor-hub whatsapp: not paired within .*\n$/);
    } finally {
      await own.close();
    }
  });
});
