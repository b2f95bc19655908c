// Job kinds and payloads are declared once (src/queue/kinds.ts) and checked where jobs are
// written: the lines marked @ts-expect-error must not compile (tsc fails if they ever do).
import { describe, expect, it } from 'vitest';
import type { Enqueue } from '../../src/hub/ports.js';
import { enqueue, JOB_KINDS } from '../../src/queue/index.js';

describe('typed job kinds', () => {
  it('the hub\'s Enqueue is the queue\'s enqueue, typed by kind', () => {
    const typed: Enqueue = enqueue;
    const misuse = (tx: Parameters<Enqueue>[0]) => {
      void typed(tx, 'deliver_message', { messageIds: ['m1'] }, { orderKey: 'chat:x' });
      // @ts-expect-error: a forward_complaint payload on a deliver_message job
      void typed(tx, 'deliver_message', { complaintId: 'c1' });
      // @ts-expect-error: a kind that does not exist
      void typed(tx, 'send_fax', { complaintId: 'c1' });
      // @ts-expect-error: post_response needs its event
      void typed(tx, 'post_response', { complaintId: 'c1' });
    };
    expect(typeof misuse).toBe('function'); // compiled, never run: the checks above are tsc's
    expect(JOB_KINDS).toContain('deliver_message');
  });
});
