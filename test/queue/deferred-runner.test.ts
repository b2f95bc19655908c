// The runner whose code loads on start (src/queue/deferred-runner.ts): nothing loads before
// start(), a stop() during the load keeps it stopped, and once started every call reaches it.
import { describe, expect, it } from 'vitest';
import { deferredRunner } from '../../src/queue/deferred-runner.js';
import type { QueueRunner } from '../../src/queue/runner.js';

function probe() {
  const calls: string[] = [];
  const runner: QueueRunner = {
    start: async () => void calls.push('start'),
    notify: () => void calls.push('notify'),
    expedite: async (kind) => void calls.push(`expedite ${kind}`),
    stop: async () => void calls.push('stop'),
    health: async () => ({ ok: true, detail: 'probe' }),
  };
  return { calls, runner };
}

describe('deferredRunner', () => {
  it('loads nothing before start, and answers as an unstarted runner', async () => {
    let loads = 0;
    const { runner } = probe();
    const deferred = deferredRunner(async () => (loads++, runner));
    deferred.notify();
    await deferred.expedite('forward_complaint');
    expect(await deferred.health()).toEqual({ ok: false, detail: 'runner new' });
    await deferred.stop();
    expect(loads).toBe(0);
  });

  it('passes every call on once started', async () => {
    const { calls, runner } = probe();
    const deferred = deferredRunner(async () => runner);
    await deferred.start();
    deferred.notify();
    await deferred.expedite('post_response');
    expect(await deferred.health()).toEqual({ ok: true, detail: 'probe' });
    await deferred.stop();
    expect(calls).toEqual(['start', 'notify', 'expedite post_response', 'stop']);
  });

  it('does not start a runner that was stopped while its code loaded', async () => {
    const { calls, runner } = probe();
    let release!: () => void;
    const deferred = deferredRunner(() => new Promise((resolve) => (release = () => resolve(runner))));
    const starting = deferred.start();
    const stopping = deferred.stop();
    release();
    await Promise.all([starting, stopping]);
    expect(calls).toEqual(['stop']);
  });
});
