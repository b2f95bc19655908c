// Dead letters: jobs the queue gave up on are listed (ids only) and can be sent back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestHub, type TestHub } from '../support/hub.js';
import { admin, ADMIN_KEY } from './support.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY });
});
afterAll(async () => hub?.close());

/** A job the queue gave up on; its complaint is gone, so a retry completes at once. */
const deadJob = (kind: string, payload: object) =>
  hub.prisma.outboxJob.create({ data: { kind, payload, status: 'dead', attempts: 12, lastError: 'LAPOR! answered 503' } });

describe('dead letters', () => {
  it('lists dead jobs by kind, with ids only in their payloads', async () => {
    const forward = await deadJob('forward_complaint', { complaintId: 'c-gone-1' });
    const deliver = await deadJob('deliver_message', { messageIds: ['m-1', 'm-2'], text: 'not an id' });
    const all = await admin(hub, 'GET', '/dead-letters');
    expect(all.status).toBe(200);
    const ids = all.body.deadLetters.map((j: { id: string }) => j.id);
    expect(ids).toEqual(expect.arrayContaining([forward.id, deliver.id]));
    expect(all.body.deadLetters.find((j: { id: string }) => j.id === deliver.id)).toMatchObject({
      kind: 'deliver_message', payload: { messageIds: ['m-1', 'm-2'] }, attempts: 12, lastError: 'LAPOR! answered 503',
    });
    expect(JSON.stringify(all.body)).not.toContain('not an id');

    const forwards = await admin(hub, 'GET', '/dead-letters?kind=forward_complaint');
    expect(forwards.body.deadLetters.map((j: { id: string }) => j.id)).toContain(forward.id);
    expect(forwards.body.deadLetters.every((j: { kind: string }) => j.kind === 'forward_complaint')).toBe(true);
  });

  it('retries a dead job: pending, then done; a second retry is refused', async () => {
    const job = await deadJob('forward_complaint', { complaintId: 'c-gone-2' });
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
  });
});
