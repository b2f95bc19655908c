// One platform message per turn: through the whole hub and grammY against the Bot API double,
// the acknowledgement of an answer and the next question reach Telegram as ONE sendMessage
// that carries the question's keyboard, and the joined rows are all marked delivered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, type SentMessage } from '../doubles/telegram-bot-api.js';
import { eventually, type TestHub } from '../support/hub.js';
import { startTelegramHub } from '../support/telegram-hub.js';

const ANI = { id: 7101, first_name: 'Ani', language_code: 'id' };

let fake: FakeTelegramBotApi;
let hub: TestHub;
beforeAll(async () => {
  ({ fake, hub } = await startTelegramHub());
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
});

const buttons = (message: SentMessage): string[] =>
  (message.reply_markup?.inline_keyboard ?? []).flat().map((b: { callback_data: string }) => b.callback_data);

/** What the bot sent Ani in answer to an action of hers, once it has gone quiet. */
async function turn(action: () => void): Promise<SentMessage[]> {
  const seen = fake.sentTo(ANI.id).length;
  action();
  await fake.waitForSent(ANI.id, seen + 1, 10_000);
  let count = -1;
  while (count !== fake.sentTo(ANI.id).length) {
    count = fake.sentTo(ANI.id).length;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return fake.sentTo(ANI.id).slice(seen);
}

describe('one platform message per turn', () => {
  it('an acknowledgement and the next question arrive as one sendMessage with the question\'s keyboard', async () => {
    let got = await turn(() => fake.pushText(ANI, '/start'));
    const menu = got.find((m) => buttons(m).includes('PENGADUAN'))!;
    await turn(() => fake.pushTap(ANI, menu.message_id, 'PENGADUAN'));
    got = await turn(() => fake.pushText(ANI, 'Jembatan kayu di dekat sekolah dasar sudah lapuk dan hampir roboh, anak-anak takut lewat.'));
    const categoriesQuestion = got.find((m) => buttons(m).length === 13)!.text!.split('\n\n').at(-1)!;

    // a location shared while the category is asked: kept ("Lokasi saya simpan"), and the
    // category question asked again: two replies of one turn, one platform message
    const callsBefore = fake.callsOf('sendMessage').filter((p) => Number(p.chat_id) === ANI.id).length;
    got = await turn(() => fake.pushMessage(ANI, { location: { latitude: -6.9175, longitude: 107.5695 } }));
    expect(got).toHaveLength(1);
    expect(fake.callsOf('sendMessage').filter((p) => Number(p.chat_id) === ANI.id)).toHaveLength(callsBefore + 1);
    const [message] = got;
    expect(message!.text).toMatch(/^Lokasi saya simpan 📍\n\n\S/);
    expect(message!.text).toContain(categoriesQuestion);
    expect(buttons(message!)).toHaveLength(13);

    // both stored replies of the turn are marked delivered
    const rows = await eventually(async () => {
      const out = await hub.prisma.message.findMany({
        where: { chatId: String(ANI.id), direction: 'out' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 2,
      });
      return out.every((r) => r.deliveredAt) ? out.reverse() : null;
    });
    expect(rows.map((r) => r.text)).toEqual(['Lokasi saya simpan 📍', expect.stringContaining(categoriesQuestion)]);
    expect(rows.every((r) => r.deliveryError === null)).toBe(true);
  });
});
