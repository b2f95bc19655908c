// Webhook mode, a citizen's document whose download stalls or never ends: the download is
// cut off (by time, by size), the citizen's message is handed over as a file that could not
// be taken, the webhook answers 200 and the adapter keeps serving.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDI, harness, type Harness } from './helpers.js';

const SECRET = 'rahasia_webhook-123';
const MiB = 1024 * 1024;

describe('telegram file downloads, bounded', () => {
  let h: Harness;
  let server: Server;

  beforeAll(async () => {
    const app = express();
    app.post('/webhooks/telegram', (req, res, next) => h.adapter.webhookHandler()(req, res, next));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/telegram`;
    h = await harness({ mode: 'webhook', webhookUrl: url, webhookSecret: SECRET, fileTimeoutMs: 1000 });
    await h.adapter.start();
  });
  afterAll(async () => {
    await h.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  function pushDocument(file: { file_id: string; file_unique_id: string }, size?: number) {
    return h.fake.pushMessage(BUDI, {
      document: { ...file, file_name: 'bukti.pdf', mime_type: 'application/pdf', ...(size !== undefined && { file_size: size }) },
    });
  }

  async function delivered(updateId: number, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const d = h.fake.webhookDeliveries.find((x) => x.update_id === updateId);
      if (d) return d.status;
      if (Date.now() > deadline) throw new Error(`update ${updateId} not answered within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('a download that stalls is cut off in time: the citizen hears the file could not be taken', async () => {
    const before = h.received.length;
    const update = pushDocument(h.fake.addFile(Buffer.alloc(0), { serve: 'stall', file_path: 'documents/stall.pdf' }));
    expect(await delivered(update.update_id, 5000)).toBe(200);
    const [message] = await h.waitForInbound(before + 1).then((r) => r.slice(before));
    expect(message!.content).toEqual({ kind: 'unsupported', what: 'other' });
  });

  it('a 50 MiB body with no size announced is cut off past 5 MiB, never buffered whole', async () => {
    const before = h.received.length;
    const heapBefore = process.memoryUsage().arrayBuffers;
    // file_size left out (it is optional): only the bytes themselves tell
    const file = h.fake.addFile(Buffer.alloc(0), { serve: { streamBytes: 50 * MiB }, file_path: 'documents/big.pdf' });
    const update = h.fake.pushMessage(BUDI, { document: { file_id: file.file_id, file_unique_id: file.file_unique_id, file_name: 'big.pdf', mime_type: 'application/pdf' } });
    expect(await delivered(update.update_id, 5000)).toBe(200);
    const [message] = await h.waitForInbound(before + 1).then((r) => r.slice(before));
    expect(message!.content).toEqual({ kind: 'unsupported', what: 'too_large' });
    expect(h.fake.fileBytesSent).toBeLessThan(20 * MiB);
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(20 * MiB);
    expect(h.media.saved).toHaveLength(0);
  });
});
