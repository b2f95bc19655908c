// A process alone on its database (the embedded PGlite) takes up at start the jobs a killed
// process left running, instead of waiting for their leases to run out.
import { afterAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/queue/outbox.js';
import { createQueueRunner } from '../../src/queue/runner.js';
import * as store from '../../src/queue/store.js';
import { createTestDatabase } from '../support/db.js';
import { quietLogger, sleep, waitFor } from './support.js';

describe('jobs left running by a killed process', () => {
  const opened = createTestDatabase();
  afterAll(async () => (await opened).close());

  for (const soleProcess of [true, false]) {
    it(soleProcess ? 'run at once when the runner is alone on the database' : 'wait for their lease otherwise', async () => {
      const { prisma } = await opened;
      const id = await enqueue(prisma, 'forward_complaint', { complaintId: `left-${soleProcess}` });
      // the killed process: it claimed the job with a long lease and never finished it
      const [claimed] = await store.claimDue(prisma, ['forward_complaint'], 1, 60_000);
      expect(claimed?.id).toBe(id);
      let ran = 0;
      const runner = createQueueRunner({
        prisma, logger: quietLogger, pollIntervalMs: 50, soleProcess,
        handlers: { forward_complaint: async () => void ran++ },
      });
      await runner.start();
      try {
        if (soleProcess) {
          await waitFor(async () => (await prisma.outboxJob.findUniqueOrThrow({ where: { id } })).status === 'done', 3_000, 'done');
          expect(ran).toBe(1);
        } else {
          await sleep(500);
          expect(ran).toBe(0);
        }
      } finally {
        await runner.stop();
        await prisma.outboxJob.deleteMany({});
      }
    });
  }
});
