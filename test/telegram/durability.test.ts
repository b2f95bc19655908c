// Polling mode must not lose what a citizen said: updates the hub fails to take are tried
// again (their chat waits, other chats do not), dedupe keys survive Telegram's update_id
// restarts, and logs carry no citizen text or chat id.
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../bots/telegram/index.js';
import type { InboundMessage } from '../../src/core/messages.js';
import { createLogger } from '../../src/log.js';
import { harness, outbound, type Harness } from './helpers.js';
import { teeToRunLog } from '../support/log-run.js';

const textOf = (m: InboundMessage) => (m.content.kind === 'text' ? m.content.text : `<${m.content.kind}>`);

async function waitFor(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A Logger that keeps every line as JSON, the way a log file would see it. */
function recordingLogger(): Logger & { lines: Array<{ level: string; msg?: string; obj: Record<string, unknown> }> } {
  const lines: Array<{ level: string; msg?: string; obj: Record<string, unknown> }> = [];
  const at = (level: string) => (obj: object, msg?: string) =>
    void lines.push({ level, msg, obj: JSON.parse(JSON.stringify(obj)) as Record<string, unknown> });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('telegram adapter, polling: an update the hub fails to take', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('is tried again until handled once; later updates of its chat wait, other chats do not', async () => {
    h = await harness({ inboundRetry: { firstDelayMs: 100, maxDelayMs: 400, giveUpAfterMs: 30_000 } });
    await h.adapter.start();
    const ayu = { id: 8101, first_name: 'Ayu' };
    const bayu = { id: 8102, first_name: 'Bayu' };
    let failures = 0;
    const answeredAt = new Map<string, number>();
    h.replyWith = (m) => {
      if (textOf(m) === 'jalan berlubang' && failures < 3) {
        failures += 1;
        throw new Error('database down');
      }
      answeredAt.set(textOf(m), Date.now());
      return { text: `ok ${textOf(m)}` };
    };

    h.fake.pushText(ayu, 'jalan berlubang');
    h.fake.pushText(ayu, 'di depan pasar');
    await waitFor(() => failures >= 1);
    h.fake.pushText(bayu, 'lampu mati');

    await h.fake.waitForSent(ayu.id, 2, 10_000);
    expect(failures).toBe(3);
    expect(h.fake.sentTo(ayu.id).map((m) => m.text)).toEqual(['ok jalan berlubang', 'ok di depan pasar']);
    expect(h.fake.sentTo(bayu.id).map((m) => m.text)).toEqual(['ok lampu mati']);
    // the other chat was answered while the first one was still failing
    expect(answeredAt.get('lampu mati')!).toBeLessThan(answeredAt.get('jalan berlubang')!);
    // the failing message four times (one key: the hub dedupes), the next one only after it
    const ofAyu = h.received.filter((m) => m.chatId === String(ayu.id));
    expect(ofAyu.map(textOf)).toEqual([...Array(4).fill('jalan berlubang'), 'di depan pasar']);
    expect(new Set(ofAyu.slice(0, 4).map((m) => m.platformMessageId)).size).toBe(1);
  });

  it('a downloaded photo is not downloaded again for the retry', async () => {
    h = await harness({ inboundRetry: { firstDelayMs: 50, maxDelayMs: 50, giveUpAfterMs: 30_000 } });
    await h.adapter.start();
    let failures = 0;
    h.replyWith = (m) => {
      if (failures++ < 2) throw new Error('database down');
      return { text: `ok ${m.content.kind}` };
    };
    const photo = h.fake.addFile(Buffer.alloc(1000, 1), { file_path: 'photos/retry.jpg' });
    h.fake.pushMessage({ id: 8111, first_name: 'Cici' }, { photo: [{ ...photo, width: 10, height: 10 }] });
    await h.fake.waitForSent(8111, 1, 10_000);
    expect(h.received).toHaveLength(3);
    expect(h.fake.callsOf('getFile').filter((p) => p.file_id === photo.file_id)).toHaveLength(1);
    expect(h.media.saved).toHaveLength(1);
  });

  it('a file Telegram will not serve becomes unsupported content at once, not a retry', async () => {
    h = await harness({ inboundRetry: { firstDelayMs: 50, maxDelayMs: 50, giveUpAfterMs: 30_000 } });
    await h.adapter.start();
    h.fake.pushMessage({ id: 8112, first_name: 'Dedi' }, {
      photo: [{ file_id: 'expired', file_unique_id: 'expired', width: 10, height: 10, file_size: 100 }],
    });
    const [m] = await h.waitForInbound(1);
    expect(m!.content).toEqual({ kind: 'unsupported', what: 'other' });
    await new Promise((r) => setTimeout(r, 150));
    expect(h.received).toHaveLength(1);
  });

  it('after the retry budget it is logged as lost, and its chat goes on', async () => {
    const logger = recordingLogger();
    // a budget of ~1.5 s at ≤ 100 ms steps: at least 3 attempts even on a loaded machine
    h = await harness({ logger, inboundRetry: { firstDelayMs: 50, maxDelayMs: 100, giveUpAfterMs: 1_500 } });
    await h.adapter.start();
    const eka = { id: 8121, first_name: 'Eka' };
    h.replyWith = (m) => {
      if (textOf(m) === 'tidak pernah') throw new Error('database down');
      return { text: `ok ${textOf(m)}` };
    };
    const lost = h.fake.pushText(eka, 'tidak pernah');
    h.fake.pushText(eka, 'berikutnya');
    const [answer] = await h.fake.waitForSent(eka.id, 1, 10_000);
    expect(answer!.text).toBe('ok berikutnya');
    const attempts = h.received.filter((m) => textOf(m) === 'tidak pernah').length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    const error = logger.lines.find((l) => l.level === 'error')!;
    expect(error.msg).toMatch(/lost.*retries ran out/);
    expect(error.obj).toMatchObject({ integrationId: 'tg-test', updateId: lost.update_id, attempts, err: { type: 'Error' } });
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(attempts - 1);
  });

  it('stop() ends the waits: one last attempt, then no call to the hub after it', async () => {
    const logger = recordingLogger();
    h = await harness({ logger, inboundRetry: { firstDelayMs: 60_000, maxDelayMs: 60_000, giveUpAfterMs: 600_000 } });
    await h.adapter.start();
    h.replyWith = () => {
      throw new Error('database down');
    };
    h.fake.pushText({ id: 8131, first_name: 'Fajar' }, 'sebelum berhenti');
    await h.waitForInbound(1);
    const started = Date.now();
    await h.adapter.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(h.received).toHaveLength(2); // the first attempt, and the last one at stop
    expect(logger.lines.find((l) => l.level === 'error')!.msg).toMatch(/before the adapter stopped/);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.received).toHaveLength(2);
  });
});

describe('telegram adapter: dedupe keys are platform ids, not update ids', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('the same message under a new update_id is a duplicate; a new message under an old update_id is not', async () => {
    h = await harness();
    await h.adapter.start();
    const gita = { id: 8201, first_name: 'Gita' };
    const first = h.fake.pushText(gita, 'laporan pertama');
    await h.fake.waitForSent(gita.id, 1);
    // Telegram sends the same message again, as a different update
    h.fake.redeliver(first, { updateId: first.update_id + 500 });
    await h.waitForInbound(2);
    expect(h.received[1]!.platformMessageId).toBe(`m${gita.id}:${first.message!.message_id}`);
    expect(h.received[1]!.platformMessageId).toBe(h.received[0]!.platformMessageId);
    // a quiet week later, update ids start over: an old id comes back with a new message
    h.fake.restartUpdateIds(first.update_id);
    const second = h.fake.pushText(gita, 'laporan kedua');
    expect(second.update_id).toBe(first.update_id);
    await h.fake.waitForSent(gita.id, 2);
    expect(h.fake.sentTo(gita.id).map((m) => m.text)).toEqual(['got text', 'got text']);
    expect(h.received.map(textOf)).toEqual(['laporan pertama', 'laporan pertama', 'laporan kedua']);
  });

  it('a button tap is keyed by its callback query id, an edit by its edit_date', async () => {
    h = await harness();
    await h.adapter.start();
    const hadi = { id: 8202, first_name: 'Hadi' };
    h.replyWith = () => null;
    await h.adapter.send(String(hadi.id), outbound({ text: 'Jenis?', quickReplies: [{ title: 'Aspirasi', payload: 'ASPIRASI' }] }));
    const tap = h.fake.pushTap(hadi, h.fake.sentTo(hadi.id)[0]!.message_id, 'ASPIRASI');
    await h.waitForInbound(1);
    h.fake.redeliver(tap, { updateId: tap.update_id + 500 });
    await h.waitForInbound(2);
    expect(h.received.map((m) => m.platformMessageId)).toEqual([`c${tap.callback_query!.id}`, `c${tap.callback_query!.id}`]);

    const message = { message_id: 90, date: 1000, chat: { id: hadi.id, type: 'private', first_name: 'Hadi' }, from: { ...hadi, is_bot: false } };
    h.fake.pushUpdate({ edited_message: { ...message, edit_date: 1100, text: 'koreksi 1' } } as never);
    h.fake.pushUpdate({ edited_message: { ...message, edit_date: 1200, text: 'koreksi 2' } } as never);
    await h.waitForInbound(4);
    expect(h.received.slice(2).map((m) => m.platformMessageId)).toEqual([`e${hadi.id}:90:1100`, `e${hadi.id}:90:1200`]);
  });
});

describe('telegram adapter: logs', () => {
  it('a 400 from sendMessage is logged with method, code and description, never the text or the chat id', async () => {
    const output: string[] = [];
    const logger = createLogger('debug', teeToRunLog({ write: (line: string) => void output.push(line) }, 'hub'));
    const SITI = { id: 918273645, first_name: 'Siti', last_name: 'Rahayu' };
    const SECRET = 'Rumah saya di Jl. Melati 7, NIK 3273011203900001, HP 081234567890';
    let h!: Harness;
    h = await harness({
      logger,
      inboundRetry: { firstDelayMs: 50, maxDelayMs: 50, giveUpAfterMs: 30_000 },
      officerChatId: '-100999',
      // a hub (and an officer bridge) calling the Bot API itself: its errors carry the payload
      onInbound: async (m) => {
        await h.adapter.bot.api.sendMessage(m.chatId, `Laporan diterima: ${textOf(m)}`);
        return { duplicate: false };
      },
      onOfficerMessage: async () => {
        await h.adapter.bot.api.sendMessage(-100999, `Warga ${SITI.id}: ${SECRET}`);
      },
    });
    try {
      await h.adapter.start();
      const failure = { error_code: 400, description: 'Bad Request: can\'t parse entities: Unsupported start tag "melati" at byte offset 9' };

      // 1. the hand-over fails on sendMessage, is retried and goes through
      h.fake.failNext('sendMessage', failure);
      h.fake.pushText(SITI, SECRET);
      await h.fake.waitForSent(SITI.id, 1, 10_000);

      // 2. marking a tapped choice fails (editMessageText carries the question's text)
      await h.adapter.send(String(SITI.id), outbound({ text: `Benar? ${SECRET}`, quickReplies: [{ title: 'Ya', payload: 'yes' }] }));
      h.fake.failNext('editMessageText', { error_code: 400, description: 'Bad Request: message to edit not found' });
      h.fake.pushTap(SITI, h.fake.sentTo(SITI.id).at(-1)!.message_id, 'yes');
      await h.fake.waitForSent(SITI.id, 3, 10_000);

      // 3. the officer bridge fails: tried again like a citizen's update, and logged
      h.fake.failNext('sendMessage', failure);
      h.fake.pushMessage(SITI, { text: 'balas' }, { id: -100999, type: 'supergroup', title: 'Petugas' });
      await waitFor(() => output.some((l) => l.includes('officer update not handled, retrying')));
      await h.fake.waitForSent(-100999, 1, 10_000);
    } finally {
      await h.close();
    }

    const log = output.join('');
    const lines = output.map((l) => JSON.parse(l) as Record<string, any>);
    const retry = lines.find((l) => l.msg === 'telegram update not handed over, retrying')!;
    expect(retry).toMatchObject({
      integrationId: 'tg-test', level: 40,
      err: { type: 'GrammyError', method: 'sendMessage', error_code: 400, description: 'Bad Request: can\'t parse entities: Unsupported start tag "…" at byte offset 9' },
    });
    expect(lines.find((l) => l.msg === 'could not mark the chosen quick reply')).toMatchObject({
      err: { method: 'editMessageText', error_code: 400, description: 'Bad Request: message to edit not found' },
    });
    expect(lines.find((l) => l.msg === 'officer update not handled, retrying')).toMatchObject({ err: { method: 'sendMessage', error_code: 400 } });
    for (const secret of [String(SITI.id), 'Melati', 'melati', '3273011203900001', '081234567890', 'Siti', 'Rahayu', 'Laporan diterima', 'payload']) {
      expect(log, secret).not.toContain(secret);
    }
  });
});
