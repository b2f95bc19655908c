// A Telegram document goes through the hub's real store: the bytes decide the type, the name
// is sanitised once, and /media serves it with RFC 6266 headers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaRouter } from '../../src/http/media.js';
import { createMediaStore, type HubMediaStore } from '../../src/hub/media-store.js';
import { createTestDatabase } from '../support/db.js';
import { BUDI, harness, type Harness } from '../telegram/helpers.js';
import { filesOnDisk, pdf } from './helpers.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let store: HubMediaStore;
let h: Harness;
const dataDir = mkdtempSync(join(tmpdir(), 'lapor-media-tg-'));

beforeAll(async () => {
  db = await createTestDatabase();
  store = createMediaStore(db.prisma, dataDir);
  h = await harness({ media: store });
  await h.adapter.start();
}, 30_000);
afterAll(async () => {
  await h?.close();
  await db?.close();
});

describe('Telegram documents in the hub store', () => {
  it('does not store an HTML file Telegram calls a PDF; the citizen hears it is the wrong type', async () => {
    const html = h.fake.addFile(Buffer.from('<!doctype html><script>alert(1)</script>'), { file_path: 'documents/x.pdf' });
    h.fake.pushMessage(BUDI, { document: { ...html, file_name: 'laporan.pdf', mime_type: 'application/pdf' } });
    const [m] = await h.waitForInbound(1);
    expect(m!.content).toEqual({ kind: 'unsupported', what: 'bad_type' });
    expect(await db.prisma.media.count()).toBe(0);
    expect(await filesOnDisk(dataDir)).toEqual([]);
  });

  it('serves "laporan 文件.pdf" and a name with quotes with 200 and RFC 6266 headers', async () => {
    const a = h.fake.addFile(pdf, { file_path: 'documents/a.pdf' });
    const b = h.fake.addFile(pdf, { file_path: 'documents/b.pdf' });
    h.fake.pushMessage(BUDI, { document: { ...a, file_name: 'laporan 文件.pdf', mime_type: 'application/pdf' } });
    h.fake.pushMessage(BUDI, { document: { ...b, file_name: 'surat "penting".pdf', mime_type: 'application/pdf' } });
    const [, first, second] = await h.waitForInbound(3);
    const app = express().use('/media', mediaRouter(store));
    const served = async (m: typeof first) => request(app).get(`/media/${(m!.content as { attachment: { mediaId: string } }).attachment.mediaId}`);

    const one = await served(first);
    expect(one.status).toBe(200);
    expect(one.headers['content-type']).toBe('application/pdf');
    expect(one.headers['x-content-type-options']).toBe('nosniff');
    expect(one.headers['content-disposition']).toBe(`inline; filename="laporan ??.pdf"; filename*=UTF-8''laporan%20%E6%96%87%E4%BB%B6.pdf`);

    const two = await served(second);
    expect(two.status).toBe(200);
    expect(two.headers['content-type']).toBe('application/pdf');
    expect(two.headers['content-disposition']).toBe('inline; filename="surat _penting_.pdf"');
  });
});
