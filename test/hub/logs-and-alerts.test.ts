// What the hub writes to its logs: alerts an operator needs, and no citizen's personal data.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { confirmComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { teeToRunLog } from '../support/log-run.js';
import { WebchatClient } from '../support/webchat-client.js';

let logs = '';
const sink = new Writable({
  write(chunk, _encoding, done) {
    logs += chunk;
    done();
  },
});
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({}, { logger: createLogger('trace', teeToRunLog(sink, 'hub')), nlp: true });
});
afterAll(async () => hub?.close());

describe('logs', () => {
  it('carry no name, phone number, NIK or message text of a citizen', async () => {
    const chat = new WebchatClient(hub.url);
    await chat.say({ text: 'halo' });
    await chat.say({ payload: 'PENGADUAN' });
    await chat.say({ text: 'KTP saya dengan NIK 3273012345670001 ditahan di kelurahan tanpa alasan, nomor saya 081299990000.' });
    for (let i = 0; i < 12; i++) {
      const [question] = (await chat.history()).slice(-1);
      const slot = question?.expects?.slot;
      if (slot === 'confirm') break;
      const answer = {
        category: { payload: 'kependudukan' }, location: { text: 'Kelurahan Cipaganti, Kota Bandung' },
        date_of_incident: { text: 'kemarin' }, attachments: { payload: 'skip' }, privacy: { payload: 'public' },
        reporter_name: { text: 'Siti Rahmawati' }, reporter_phone: { text: '0812-9999-0000' },
      }[slot ?? ''] as { text: string } | { payload: string } | undefined;
      if (!answer) throw new Error(`unexpected question ${question?.text}`);
      await chat.say(answer);
    }
    await chat.say({ payload: 'confirm' });
    await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId, trackingId: { not: null } } }));
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of ['Rahmawati', '3273012345670001', '81299990000', '8129999', 'ditahan di kelurahan']) {
      expect(logs).not.toContain(secret);
    }
  });

  it('alert the operator when LAPOR! refuses the credentials, and readiness shows it', async () => {
    hub.simulator!.control.failNext(1, { status: 401, path: 'POST /complaints' });
    const chat = new WebchatClient(hub.url);
    await confirmComplaint(chat);
    await eventually(async () => logs.includes('ALERT'));
    const ready = await fetch(`${hub.url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).checks['connector:default']).toMatchObject({ ok: false });
    const complaint = await hub.prisma.complaint.findFirstOrThrow({ where: { chatId: chat.sessionId } });
    expect(complaint.status).toBe('CONFIRMED'); // kept, to be filed once the configuration is fixed
  });
});
