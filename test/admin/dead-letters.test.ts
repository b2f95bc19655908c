// Dead letters: jobs the queue gave up on are listed (ids only) and can be sent back, the
// caller's agency's only (the agency of the rows a payload names); a job whose rows are gone
// belongs to no agency and is shown to no one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../support/citizen.js';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { admin, ADMIN_KEY } from './support.js';

let hub: TestHub;
let complaintId: string;
let messageIds: string[];
beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY });
  const { complaint } = await fileComplaint(hub);
  complaintId = complaint.id;
  messageIds = (await hub.prisma.message.findMany({ where: { chatId: complaint.chatId, direction: 'out' }, take: 2, select: { id: true } })).map((m) => m.id);
}, 60_000);
afterAll(async () => hub?.close());

/** A job the queue gave up on; its complaint is filed already, so a retry completes at once. */
const deadJob = (kind: string, payload: object) =>
  hub.prisma.outboxJob.create({ data: { kind, payload, status: 'dead', attempts: 12, lastError: 'LAPOR! answered 503' } });

describe('dead letters', () => {
  it('lists the agency\'s dead jobs by kind, with ids only in their payloads', async () => {
    const forward = await deadJob('forward_complaint', { complaintId });
    const deliver = await deadJob('deliver_message', { messageIds, text: 'not an id' });
    const orphan = await deadJob('forward_complaint', { complaintId: 'c-gone-1' });
    const all = await admin(hub, 'GET', '/dead-letters');
    expect(all.status).toBe(200);
    const ids = all.body.deadLetters.map((j: { id: string }) => j.id);
    expect(ids).toEqual(expect.arrayContaining([forward.id, deliver.id]));
    expect(ids).not.toContain(orphan.id);
    expect(all.body.deadLetters.find((j: { id: string }) => j.id === deliver.id)).toMatchObject({
      kind: 'deliver_message', payload: { messageIds }, attempts: 12, lastError: 'LAPOR! answered 503',
    });
    expect(JSON.stringify(all.body)).not.toContain('not an id');

    const forwards = await admin(hub, 'GET', '/dead-letters?kind=forward_complaint');
    expect(forwards.body.deadLetters.map((j: { id: string }) => j.id)).toEqual([forward.id]);
    expect((await admin(hub, 'GET', '/dead-letters?limit=1')).body.deadLetters).toHaveLength(1);
    expect((await admin(hub, 'POST', `/dead-letters/${orphan.id}/retry`)).status).toBe(404);
  });

  it('retries a dead job: pending, then done; a second retry is refused', async () => {
    const job = await deadJob('forward_complaint', { complaintId });
    const retried = await admin(hub, 'POST', `/dead-letters/${job.id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual({ id: job.id, status: 'pending' });
    const done = await eventually(async () => {
      const row = await hub.prisma.outboxJob.findUniqueOrThrow({ where: { id: job.id } });
      return row.status === 'done' && row;
    });
    expect(done.attempts).toBe(1);
    expect((await admin(hub, 'GET', '/dead-letters')).body.deadLetters.map((j: { id: string }) => j.id)).not.toContain(job.id);

    const again = await admin(hub, 'POST', `/dead-letters/${job.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/not dead/);
    expect((await admin(hub, 'POST', '/dead-letters/no-such-job/retry')).status).toBe(404);
    expect((await admin(hub, 'GET', '/audit?action=dead_letter.retry')).body.entries).toEqual([
      expect.objectContaining({ actor: 'Admin', target: `job:${job.id}`, detail: { kind: 'forward_complaint' } }),
    ]);
  });
});
