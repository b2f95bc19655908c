// A load of keyed jobs for several runners ("processes") at once: records each run so a test
// can check that a key's jobs ran one at a time, in the order they were enqueued.
import type { PrismaClient } from '@prisma/client';
import { expect } from 'vitest';
import { ChannelError } from '../../src/core/channel.js';
import type { JobHandler } from '../../src/queue/kinds.js';
import { enqueue } from '../../src/queue/outbox.js';
import { sleep } from './support.js';

export interface OrderLoad {
  /** the deliver_message handler of one runner */
  handler(who: string): JobHandler<'deliver_message'>;
  /** commits keys × perKey jobs, interleaving the keys, in a few transactions */
  enqueueAll(prisma: PrismaClient, notify: () => void): Promise<void>;
  total: number;
  /** key → its jobs' indexes in the order their successful runs ended */
  completed: Map<string, number[]>;
  /** runs of one key that overlapped (must stay 0) */
  overlaps: number;
  byRunner: Map<string, number>;
}

/** Every job ran, no key ran two at once, each key in enqueue order, and both runners took part. */
export function expectEachKeyInOrder(load: OrderLoad, runners: [string, string], keys = 12, perKey = 8): void {
  expect(load.overlaps).toBe(0);
  for (const order of load.completed.values()) expect(order).toEqual(inOrder(perKey));
  expect(load.completed.size).toBe(keys);
  for (const who of runners) expect(load.byRunner.get(who)).toBeGreaterThan(0);
}

export function orderLoad(keys = 12, perKey = 8): OrderLoad {
  const completed = new Map<string, number[]>();
  const active = new Set<string>();
  const failedOnce = new Set<string>();
  const byRunner = new Map<string, number>();
  const load: OrderLoad = {
    total: keys * perKey,
    completed,
    overlaps: 0,
    byRunner,
    handler: (who) => async ({ messageIds: [tag] }) => {
      const [key, index] = tag!.split('/') as [string, string];
      if (active.has(key)) load.overlaps++;
      active.add(key);
      try {
        byRunner.set(who, (byRunner.get(who) ?? 0) + 1);
        await sleep(Math.random() * 15);
        // every fifth job fails its first run: its successors must wait for the retry
        if (Number(index) % 5 === 2 && !failedOnce.has(tag!)) {
          failedOnce.add(tag!);
          throw new ChannelError('retry', 'HTTP 502');
        }
        completed.set(key, [...(completed.get(key) ?? []), Number(index)]);
      } finally {
        active.delete(key);
      }
    },
    async enqueueAll(prisma, notify) {
      for (let i = 0; i < perKey; i += 2) {
        await prisma.$transaction(async (tx) => {
          for (let j = i; j < Math.min(perKey, i + 2); j++) {
            for (let k = 0; k < keys; k++) await enqueue(tx, 'deliver_message', { messageIds: [`k${k}/${j}`] }, { orderKey: `chat:k${k}` });
          }
        });
        notify();
      }
    },
  };
  return load;
}

export const inOrder = (perKey: number) => Array.from({ length: perKey }, (_, i) => i);
