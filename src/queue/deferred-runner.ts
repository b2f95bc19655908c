// A runner whose code is imported when it starts: BullMQ and ioredis (about 0.15 s of a start)
// load only in a hub that runs on Redis. Until then it does what an unstarted runner does.
import type { QueueRunner } from './runner.js';

export function deferredRunner(load: () => Promise<QueueRunner>): QueueRunner {
  let runner: QueueRunner | undefined;
  let loading: Promise<QueueRunner> | undefined;
  let stopped = false;
  const loaded = () => (loading ??= load().then((loadedRunner) => (runner = loadedRunner)));
  return {
    async start() {
      const started = await loaded();
      // stop() may have come while the code was loading: it stays stopped
      if (!stopped) await started.start();
    },
    notify: () => runner?.notify(),
    expedite: async (kind) => runner?.expedite(kind),
    async stop() {
      stopped = true;
      if (loading) await (await loading).stop();
    },
    health: async () => (runner ? runner.health() : { ok: false, detail: 'runner new' }),
  };
}
