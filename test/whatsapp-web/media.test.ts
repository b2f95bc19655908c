// Images and PDFs as evidence: the stated size is checked before downloading, the type before
// and by the bytes (the hub's real media store on a real database), failures explained.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_LIMITS } from '../../src/core/channel.js';
import { createMediaStore, type HubMediaStore } from '../../src/hub/media-store.js';
import { incoming } from '../doubles/baileys-socket.js';
import { createTestDatabase } from '../support/db.js';
import { harness, paired, until, type Harness } from './support/adapter-harness.js';

const JID = '6285712345678@s.whatsapp.net';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 9)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let media: HubMediaStore;
beforeAll(async () => {
  db = await createTestDatabase();
  media = createMediaStore(db.prisma, mkdtempSync(join(tmpdir(), 'wweb-media-')));
});
afterAll(async () => {
  await db?.close();
});

const running: Harness[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.adapter.stop();
});
async function connected(): Promise<Harness> {
  const h = harness({ media });
  running.push(h);
  return paired(h);
}

describe('WhatsApp Web evidence', () => {
  it('an image becomes an attachment stored by the hub, with its caption', async () => {
    const h = await connected();
    const message = incoming(JID, { imageMessage: { mimetype: 'image/jpeg', fileLength: JPEG.length, caption: 'jalan berlubang' } });
    h.whatsapp.media.set(message.key.id!, JPEG);
    await h.whatsapp.current!.deliver([message]);
    const got = await until(() => h.inbound[0]);
    expect(got.content).toMatchObject({ kind: 'attachment', caption: 'jalan berlubang', attachment: { mimeType: 'image/jpeg', size: JPEG.length } });
    const attachment = got.content.kind === 'attachment' ? got.content.attachment : undefined;
    expect((await media.read(attachment!.mediaId))?.data).toEqual(JPEG);
  });

  it('a PDF document becomes an attachment; its name is kept (sanitised)', async () => {
    const h = await connected();
    const message = incoming(JID, { documentMessage: { mimetype: 'application/pdf', fileLength: PDF.length, fileName: 'surat.pdf' } });
    h.whatsapp.media.set(message.key.id!, PDF);
    await h.whatsapp.current!.deliver([message]);
    const got = await until(() => h.inbound[0]);
    expect(got.content).toMatchObject({ kind: 'attachment', attachment: { mimeType: 'application/pdf' } });
  });

  it('refuses a file over the limit by its stated size without downloading it', async () => {
    const h = await connected();
    const message = incoming(JID, { imageMessage: { mimetype: 'image/jpeg', fileLength: MEDIA_LIMITS.maxBytes + 1 } });
    h.whatsapp.media.set(message.key.id!, JPEG);
    await h.whatsapp.current!.deliver([message]);
    expect((await until(() => h.inbound[0])).content).toEqual({ kind: 'unsupported', what: 'too_large' });
    expect(h.whatsapp.downloads).toEqual([]);
  });

  it('refuses a file larger than stated once downloaded', async () => {
    const h = await connected();
    const message = incoming(JID, { imageMessage: { mimetype: 'image/jpeg', fileLength: 100 } });
    h.whatsapp.media.set(message.key.id!, Buffer.concat([JPEG, Buffer.alloc(MEDIA_LIMITS.maxBytes)]));
    await h.whatsapp.current!.deliver([message]);
    expect((await until(() => h.inbound[0])).content).toEqual({ kind: 'unsupported', what: 'too_large' });
  });

  it('refuses other document types before downloading, and bytes that are not what they claim', async () => {
    const h = await connected();
    const word = incoming(JID, { documentMessage: { mimetype: 'application/msword', fileLength: 10, fileName: 'a.doc' } });
    const fake = incoming(JID, { documentMessage: { mimetype: 'application/pdf', fileLength: 20, fileName: 'b.pdf' } });
    h.whatsapp.media.set(fake.key.id!, Buffer.from('<html>not a pdf</html>'));
    await h.whatsapp.current!.deliver([word, fake]);
    await until(() => h.inbound.length === 2);
    expect(h.inbound.map((m) => m.content)).toEqual([{ kind: 'unsupported', what: 'bad_type' }, { kind: 'unsupported', what: 'bad_type' }]);
    expect(h.whatsapp.downloads).toEqual([fake.key.id]);
  });

  it('a file WhatsApp no longer serves is explained, not retried forever', async () => {
    const h = await connected();
    await h.whatsapp.current!.deliver([incoming(JID, { imageMessage: { mimetype: 'image/png', fileLength: 50 } })]);
    expect((await until(() => h.inbound[0])).content).toEqual({ kind: 'unsupported', what: 'other' });
  });
});
