// Only media a conversation took stay on disk and in the Media table; the rest goes in the
// same turn, and the retention sweeper removes leftovers and the evidence of unfiled reports.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { WebchatClient } from '../support/webchat-client.js';
import { filesOnDisk, jpeg, upload } from './helpers.js';

let hub: TestHub;
beforeAll(async () => { hub = await startTestHub(); }, 30_000);
afterAll(async () => hub?.close());

const DAY = 24 * 3600_000;
const onDisk = (id: string) => existsSync(join(hub.config.DATA_DIR, 'media', id));

async function send(chat: WebchatClient, data: Buffer) {
  const res = await upload(hub.url, chat.sessionId, data);
  expect(res.status).toBe(200);
  return (await res.json()).messages as { text: string }[];
}

describe('media a conversation did not take', () => {
  it('keeps nothing of the 6th file of a report', async () => {
    const rowsBefore = await hub.prisma.media.count();
    const filesBefore = (await filesOnDisk(hub.config.DATA_DIR)).length;
    const chat = new WebchatClient(hub.url);
    for (let i = 1; i <= 5; i++) await send(chat, jpeg(i));
    const sixth = await send(chat, jpeg(6));
    expect(sixth.map((m) => m.text).join('\n')).toMatch(/5/); // "at most 5 files"
    expect(await hub.prisma.media.count()).toBe(rowsBefore + 5);
    expect((await filesOnDisk(hub.config.DATA_DIR)).length).toBe(filesBefore + 5);
  });

  it('deletes the files of a report the citizen cancels, at once', async () => {
    const chat = new WebchatClient(hub.url);
    await send(chat, jpeg(7));
    const [row] = await hub.prisma.media.findMany({ where: { size: jpeg(7).length }, orderBy: { createdAt: 'desc' }, take: 1 });
    expect(row && onDisk(row.id)).toBe(true);
    await chat.say({ text: 'batal' });
    expect(await hub.prisma.media.findUnique({ where: { id: row!.id } })).toBeNull();
    expect(onDisk(row!.id)).toBe(false);
  });
});

describe('media retention', () => {
  it('removes a staged file no conversation took after a short time, row and file together', async () => {
    const staged = await hub.media.save(jpeg(8), { filename: 'x.jpg', mimeType: 'image/jpeg' });
    await hub.mediaRetention.sweep(new Date());
    expect(onDisk(staged.mediaId)).toBe(true); // a turn may still be about to take it
    await hub.mediaRetention.sweep(new Date(Date.now() + 2 * 3600_000));
    expect(await hub.prisma.media.findUnique({ where: { id: staged.mediaId } })).toBeNull();
    expect(onDisk(staged.mediaId)).toBe(false);
  });

  it('removes the file of a session that never filed a report after the retention period; a filed report keeps its evidence', async () => {
    const idle = new WebchatClient(hub.url);
    await send(idle, jpeg(9));
    const idleMedia = (await hub.prisma.media.findMany({ orderBy: { createdAt: 'desc' }, take: 1 }))[0]!;

    const filer = new WebchatClient(hub.url);
    await filer.say({ text: 'halo' });
    await filer.say({ payload: 'PENGADUAN' });
    await filer.say({ text: 'Lampu penerangan jalan di Jl. Merdeka mati sudah dua minggu, rawan kejahatan.' });
    await filer.say({ payload: 'utilitas' });
    await filer.say({ text: 'Jl. Merdeka, Kota Bandung' });
    await filer.say({ text: 'kemarin' });
    await send(filer, jpeg(10));
    await filer.say({ payload: 'done' });
    await filer.say({ payload: 'anonymous' });
    await filer.say({ payload: 'confirm' });
    const complaint = await eventually(() => hub.prisma.complaint.findFirst({ where: { chatId: filer.sessionId } }));
    const filed = (complaint.attachments as { mediaId: string }[])[0]!;

    await hub.mediaRetention.sweep(new Date(Date.now() + DAY));
    expect(onDisk(idleMedia.id)).toBe(true); // a draft of yesterday may still be finished

    await hub.mediaRetention.sweep(new Date(Date.now() + (hub.config.MEDIA_RETENTION_DAYS + 1) * DAY));
    expect(await hub.prisma.media.findUnique({ where: { id: idleMedia.id } })).toBeNull();
    expect(onDisk(idleMedia.id)).toBe(false);
    expect(await hub.prisma.media.findUnique({ where: { id: filed.mediaId } })).not.toBeNull();
    expect(onDisk(filed.mediaId)).toBe(true);
    const served = await fetch(`${hub.url}/media/${filed.mediaId}`);
    expect(served.status).toBe(200);
  });
});
