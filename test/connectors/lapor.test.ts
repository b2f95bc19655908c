// The lapor connector against the simulator, over real HTTP (no fetch mocking).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError, type LaporReportBody } from '../../src/connectors/connector.js';
import { LaporConnector } from '../../src/connectors/lapor/index.js';
import { connectorFailure as failure, startLaporSimulator, validReport, type RunningLaporSimulator } from '../doubles/lapor-simulator.js';

const NOW = new Date('2026-11-28T07:00:00Z');
const TOKEN = 'sim-token';
let sim: RunningLaporSimulator;
let lapor: LaporConnector;

const report = (o: Record<string, unknown> = {}) => validReport(o) as unknown as LaporReportBody;

beforeAll(async () => {
  sim = await startLaporSimulator({ token: TOKEN, now: () => NOW }, '/lapor/v1');
  lapor = new LaporConnector({ apiUrl: `${sim.url}/`, token: TOKEN });
});
afterAll(() => sim.close());
beforeEach(() => sim.control.reset());

describe('lapor connector: submit', () => {
  it('files a report through a base URL with a path prefix', async () => {
    const filed = await lapor.submit(report(), 'complaint-1');
    expect(filed.trackingId).toMatch(/^\d{7}$/);
    expect(filed.status).toBe('BELUM_TERVERIFIKASI');
    expect(filed.url).toBe(`${sim.url}/laporan/${filed.trackingId}`);
    expect(filed.createdAt).toEqual(NOW);
    expect(sim.control.report(filed.trackingId)?.report.title).toBe(report().title);
  });

  it('a replay with the same key returns the same tracking id and files once', async () => {
    const first = await lapor.submit(report(), 'complaint-2');
    const again = await lapor.submit(report(), 'complaint-2');
    expect(again).toEqual(first);
    expect(sim.control.reports()).toHaveLength(1);
  });

  it('400 is `rejected` with the field errors', async () => {
    const err = await failure(lapor.submit(report({ content: 'terlalu pendek' }), 'complaint-3'));
    expect(err.kind).toBe('rejected');
    expect(err.details.status).toBe(400);
    expect(err.details.fieldErrors).toEqual([{ field: 'content', message: expect.stringContaining('at least 30') }]);
  });

  it('401 is `auth`', async () => {
    const wrong = new LaporConnector({ apiUrl: sim.url, token: 'wrong' });
    const err = await failure(wrong.submit(report(), 'complaint-4'));
    expect(err.kind).toBe('auth');
    expect(err.details.status).toBe(401);
    expect(await wrong.health()).toMatchObject({ ok: false });
    expect(await lapor.health()).toEqual({ ok: true });
  });

  it('409 is `conflict` when the key was used with another body', async () => {
    await lapor.submit(report(), 'complaint-5');
    const err = await failure(lapor.submit(report({ title: 'Judul yang lain sama sekali' }), 'complaint-5'));
    expect(err.kind).toBe('conflict');
    expect(err.details.status).toBe(409);
  });

  it('applies an agency category map', async () => {
    const mapped = new LaporConnector({ apiUrl: sim.url, token: TOKEN, categoryMap: { infrastruktur: 'kesehatan' } });
    const filed = await mapped.submit(report(), 'complaint-6');
    expect(sim.control.report(filed.trackingId)?.report.category).toBe('kesehatan');
  });
});

describe('lapor connector: updates feed', () => {
  it('pages through the feed with the cursor, oldest first', async () => {
    const { trackingId } = await lapor.submit(report(), 'c-feed');
    expect(await lapor.fetchUpdates(null)).toEqual({ updates: [], nextCursor: null });

    sim.control.setStatus(trackingId, 'TERVERIFIKASI');
    sim.control.setStatus(trackingId, 'TERDISPOSISI', 'Dinas PUPR Kota Bandung');
    sim.control.addResponse(trackingId, { message: 'Akan kami perbaiki minggu ini.' });

    const first = await lapor.fetchUpdates(null, 2);
    expect(first.updates.map((u) => [u.type, u.status])).toEqual([
      ['status', 'TERVERIFIKASI'],
      ['status', 'TERDISPOSISI'],
    ]);
    expect(first.updates[1]).toMatchObject({ trackingId, institution: 'Dinas PUPR Kota Bandung' });
    expect(first.nextCursor).toBe(first.updates[1]!.id);

    const second = await lapor.fetchUpdates(first.nextCursor, 2);
    expect(second.updates).toHaveLength(1);
    expect(second.updates[0]).toMatchObject({
      type: 'response',
      status: 'DITINDAKLANJUTI',
      response: { author: 'Dinas PUPR Kota Bandung', role: 'instansi', message: 'Akan kami perbaiki minggu ini.' },
    });
    expect(second.updates[0]!.at).toBeInstanceOf(Date);

    const empty = await lapor.fetchUpdates(second.nextCursor);
    expect(empty).toEqual({ updates: [], nextCursor: second.nextCursor });
  });

  it('an unknown cursor is `rejected`', async () => {
    const err = await failure(lapor.fetchUpdates('u999'));
    expect(err.kind).toBe('rejected');
    expect(err.details.fieldErrors?.[0]?.field).toBe('cursor');
  });
});

describe('lapor connector: responses and state', () => {
  it('posts a response idempotently; the hub’s own response stays out of the feed', async () => {
    const { trackingId } = await lapor.submit(report(), 'c-resp');
    const msg = { message: 'Terima kasih, lubangnya makin besar.', role: 'pelapor' as const, author: null };
    const posted = await lapor.postResponse(trackingId, msg, 'reply-1');
    expect(posted.id).toMatch(/^r\d+-[0-9A-Z]{26}$/);
    expect(await lapor.postResponse(trackingId, msg, 'reply-1')).toEqual(posted);
    expect((await lapor.fetchUpdates(null)).updates).toEqual([]);

    const state = await lapor.getComplaint(trackingId);
    expect(state.responses).toEqual([{ id: posted.id, author: null, role: 'pelapor', message: msg.message, createdAt: NOW }]);

    const conflict = await failure(lapor.postResponse(trackingId, { ...msg, message: 'lain' }, 'reply-1'));
    expect(conflict.kind).toBe('conflict');
  });

  it('unknown tracking ids are `not_found`', async () => {
    expect((await failure(lapor.getComplaint('0000000'))).kind).toBe('not_found');
    const msg = { message: 'halo', role: 'pelapor' as const, author: null };
    expect((await failure(lapor.postResponse('0000000', msg, 'k'))).kind).toBe('not_found');
  });

  it('reads a report’s state with its disposition', async () => {
    const { trackingId } = await lapor.submit(report(), 'c-state');
    sim.control.setStatus(trackingId, 'TERDISPOSISI', 'Dinas Kesehatan');
    expect(await lapor.getComplaint(trackingId)).toMatchObject({
      trackingId, status: 'TERDISPOSISI', institution: 'Dinas Kesehatan', responses: [],
    });
  });
});
