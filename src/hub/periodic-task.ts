// A piece of upkeep run now and then every interval, one run at a time (a slow run is not
// overlapped by the next), its failures logged and retried at the next interval; stop()
// waits for the run in flight.
import type { Logger } from '../log.js';

export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly run: () => Promise<unknown>, private readonly logger: Logger, private readonly failure: string) {}

  start(intervalMs: number): void {
    const tick = () => {
      this.running = this.running.then(this.run)
        .catch((error: unknown) => this.logger.warn({ err: (error as Error).message }, this.failure));
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
