// With the NLP model, a first message that says what, where and when leaves at most four
// questions on the web chat: privacy, name, phone, confirm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { last, WebchatClient } from '../support/webchat-client.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({}, { nlp: true });
});
afterAll(async () => hub?.close());

const answers: Record<string, { text: string } | { payload: string }> = {
  privacy: { payload: 'public' },
  reporter_name: { text: 'Dewi Lestari' },
  reporter_phone: { text: '0813-1111-2222' },
};

describe('the NLP fast path on the web chat', () => {
  it.each([
    ['informal Indonesian', 'jln rusak parah bgt di depan pasar cibeureum kota bandung sejak kemarin, bnyk motor jatuh tlg diperbaiki',
      { category: 'infrastruktur', locationCode: '32.73' }],
    ['district named alone', 'sampah menumpuk di pinggir sungai di kecamatan coblong sudah 3 hari lalu baunya menyengat sekali',
      { category: 'lingkungan', locationCode: '32.73' }],
    ['English', 'There is a huge pothole on the main road in Kota Yogyakarta since yesterday, two motorbikes fell into it',
      { category: 'infrastruktur', locationCode: '34.71' }],
  ])('%s: completed in at most 4 questions', async (_name, first, expected) => {
    const chat = new WebchatClient(hub.url);
    let question = last(await chat.say({ text: first }));
    let asked = 0;
    while (question.expects?.slot !== 'confirm') {
      asked++;
      const answer = answers[question.expects?.slot ?? ''];
      expect(answer, `asked for ${question.expects?.slot}: ${question.text}`).toBeDefined();
      question = last(await chat.say(answer!));
      expect(asked).toBeLessThanOrEqual(4);
    }
    asked++; // the summary's confirm question
    expect(asked).toBeLessThanOrEqual(4);
    await chat.say({ payload: 'confirm' });
    const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: chat.sessionId } }));
    expect(complaint).toMatchObject({ classification: 'PENGADUAN', ...expected, reporterName: 'Dewi Lestari' });
    expect(complaint.dateOfIncident).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(complaint.content).toBe(first);
  });

  it('recognises a status check in free text', async () => {
    const chat = new WebchatClient(hub.url);
    const reply = (await chat.say({ text: 'mau cek status laporan saya dong nomornya 1234567' })).map((m) => m.text).join('\n');
    // answered as a lookup of that number (this citizen has no such report), not as a new complaint
    expect(reply).toMatch(/1234567 tidak ditemukan/);
    expect(await hub.prisma.conversation.findFirst({ where: { chatId: chat.sessionId, reportsStarted: { gt: 0 } } })).toBeNull();
  });
});
