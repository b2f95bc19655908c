// Stored media: names sanitised once, types sniffed from the bytes, served with RFC 6266 headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaRejected } from '../../src/core/channel.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { filesOnDisk, jpeg, pdf } from './helpers.js';

let hub: TestHub;
beforeAll(async () => { hub = await startTestHub(); }, 30_000);
afterAll(async () => hub?.close());

// what the Telegram adapter hands the store: the document's own name and the MIME type Telegram claims
const saveAsTelegram = (data: Buffer, filename: string, mimeType: string) => hub.media.save(data, { filename, mimeType });

describe('GET /media/:id', () => {
  it('serves a document named "laporan 文件.pdf" with an RFC 6266 filename*', async () => {
    const saved = await saveAsTelegram(pdf, 'laporan 文件.pdf', 'application/pdf');
    expect(saved.filename).toBe('laporan 文件.pdf');
    const res = await fetch(`${hub.url}/media/${saved.mediaId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="laporan ??.pdf"; filename*=UTF-8''laporan%20%E6%96%87%E4%BB%B6.pdf`);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('serves a document with quotes, slashes and control characters in its name under a clean name', async () => {
    const saved = await saveAsTelegram(pdf, 'a"b/..\\c\u0007\r\nd.pdf', 'application/pdf');
    expect(saved.filename).toBe('a_b_.._c_d.pdf');
    const res = await fetch(`${hub.url}/media/${saved.mediaId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('inline; filename=a_b_.._c_d.pdf');
  });

  it('names a file by the type of its bytes, whatever the platform claimed', async () => {
    const saved = await saveAsTelegram(jpeg(), 'scan.pdf', 'application/pdf');
    expect(saved).toMatchObject({ filename: 'scan.jpg', mimeType: 'image/jpeg' });
    const res = await fetch(`${hub.url}/media/${saved.mediaId}`);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
  });

  it('gives a nameless or all-symbols file a sensible name and bounds a long one', async () => {
    expect((await saveAsTelegram(pdf, '', 'application/pdf')).filename).toBe('bukti.pdf');
    expect((await saveAsTelegram(pdf, '"""', 'application/pdf')).filename).toBe('bukti.pdf');
    const long = (await saveAsTelegram(pdf, `${'文'.repeat(500)}.pdf`, 'application/pdf')).filename;
    expect([...long].length).toBeLessThanOrEqual(104);
  });

  it('does not store an HTML file claimed as a PDF', async () => {
    const rows = await hub.prisma.media.count();
    const files = (await filesOnDisk(hub.config.DATA_DIR)).length;
    await expect(saveAsTelegram(Buffer.from('<html><script>alert(1)</script></html>'), 'laporan.pdf', 'application/pdf'))
      .rejects.toBeInstanceOf(MediaRejected);
    expect(await hub.prisma.media.count()).toBe(rows);
    expect((await filesOnDisk(hub.config.DATA_DIR)).length).toBe(files);
  });
});
