// The webhook connector against a local receiver that checks the HMAC over real HTTP.
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError, type LaporReportBody } from '../../src/connectors/connector.js';
import { shortId, WebhookConnector } from '../../src/connectors/webhook/index.js';
import { validReport } from '../doubles/lapor-simulator.js';

const SECRET = 'regional-shared-secret';
const NOW = new Date('2026-11-28T07:00:00Z');
interface Seen { path: string; headers: Record<string, string | string[] | undefined>; raw: string; signatureOk: boolean }
let seen: Seen[] = [];
/** what the receiver answers next: status and raw body */
let answer: { status: number; body?: string } = { status: 200 };
let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.post(/.*/, express.raw({ type: '*/*' }), (req, res) => {
    const raw = (req.body as Buffer).toString('utf8');
    const expected = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
    const signatureOk = req.get('x-hub-signature-256') === expected;
    seen.push({ path: req.path, headers: req.headers, raw, signatureOk });
    if (!signatureOk) return res.status(401).end();
    res.status(answer.status);
    if (answer.body === undefined) return res.end();
    res.type('application/json').send(answer.body);
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/regional/laporan`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
  answer = { status: 200 };
});

const connector = (secret = SECRET) => new WebhookConnector({ url, secret, now: () => NOW });
const report = validReport() as unknown as LaporReportBody;
const complaintId = '3f2b8c1e-9a7d-4c21-b6e4-0d5f7a9c2e10';

describe('webhook connector', () => {
  it('POSTs the report JSON signed, with the idempotency key, and takes the answered tracking id', async () => {
    answer = { status: 201, body: JSON.stringify({ tracking_id: 'JB-2026-0042', status: 'TERVERIFIKASI', url: 'https://sp4n.jabar/42' }) };
    const filed = await connector().submit(report, complaintId);
    expect(filed).toEqual({ trackingId: 'JB-2026-0042', status: 'TERVERIFIKASI', url: 'https://sp4n.jabar/42', createdAt: NOW });
    const [req] = seen;
    expect(req?.signatureOk).toBe(true);
    expect(req?.path).toBe('/regional/laporan');
    expect(req?.headers['idempotency-key']).toBe(complaintId);
    expect(req?.headers['x-hub-event']).toBe('report');
    expect(JSON.parse(req!.raw)).toEqual(report);
  });

  it('without a tracking id in the answer, tracks the complaint id’s short form', async () => {
    answer = { status: 204 };
    expect((await connector().submit(report, complaintId)).trackingId).toBe('3F2B8C1E');
    answer = { status: 200, body: '{"ok":true}' };
    expect(await connector().submit(report, complaintId)).toMatchObject({ trackingId: shortId(complaintId), status: 'BELUM_TERVERIFIKASI' });
  });

  it('maps a wrong secret to `auth`, 400 to `rejected`, a non-JSON answer to `retry`', async () => {
    const kind = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as ConnectorError).kind;
    expect(await kind(connector('not-the-secret').submit(report, complaintId))).toBe('auth');
    answer = { status: 400, body: JSON.stringify({ errors: [{ field: 'location', message: 'di luar wilayah' }] }) };
    const err = (await connector().submit(report, complaintId).catch((e: unknown) => e)) as ConnectorError;
    expect(err.kind).toBe('rejected');
    expect(err.details.fieldErrors).toEqual([{ field: 'location', message: 'di luar wilayah' }]);
    answer = { status: 200, body: 'OK' };
    expect(await kind(connector().submit(report, complaintId))).toBe('retry');
    answer = { status: 200, body: '{"tracking_id":42}' };
    expect(await kind(connector().submit(report, complaintId))).toBe('retry');
  });

  it('posts responses to <url>/responses, signed', async () => {
    answer = { status: 201, body: JSON.stringify({ id: 'resp-9', created_at: '2026-11-28T08:00:00Z' }) };
    const msg = { message: 'Sudah diperbaiki?', role: 'pelapor' as const, author: null };
    expect(await connector().postResponse('JB-1', msg, 'reply-key')).toEqual({ id: 'resp-9', createdAt: new Date('2026-11-28T08:00:00Z') });
    expect(seen[0]).toMatchObject({ path: '/regional/laporan/responses', signatureOk: true });
    expect(seen[0]?.headers['idempotency-key']).toBe('reply-key');
    expect(JSON.parse(seen[0]!.raw)).toEqual({ tracking_id: 'JB-1', ...msg });

    answer = { status: 204 };
    expect(await connector().postResponse('JB-1', msg, 'reply-key-2')).toEqual({ id: 'reply-key-2', createdAt: NOW });
  });

  it('has no feed: an empty page keeping the cursor', async () => {
    expect(await connector().fetchUpdates(null)).toEqual({ updates: [], nextCursor: null });
    expect(await connector().fetchUpdates('x')).toEqual({ updates: [], nextCursor: 'x' });
    expect((await connector().health()).ok).toBe(true);
    expect(seen).toEqual([]);
  });
});
