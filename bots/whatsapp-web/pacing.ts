// Outbound pacing for one number: one message at a time, at least `gapMs` (plus jitter) apart,
// so the number does not look like a bulk sender and get banned.
import { setTimeout as delay } from 'node:timers/promises';

export interface PacingOptions {
  /** least time between two messages of this number (default 1500 ms; 0 in tests) */
  gapMs: number;
  /** up to this much more, at random (default 1000 ms) */
  jitterMs: number;
}

export const DEFAULT_PACING: PacingOptions = { gapMs: 1500, jitterMs: 1000 };

export class Pacer {
  private tail: Promise<unknown> = Promise.resolve();
  private nextAt = 0;

  constructor(private readonly options: PacingOptions, private readonly random: () => number = Math.random) {}

  /**
   * Runs `send` after the previous one and the gap; `beforeWait` runs at once (the typing
   * indicator shows while the gap passes). Failures do not hold up the next message.
   */
  run<T>(beforeWait: () => Promise<void>, send: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(async () => {
      await beforeWait();
      const wait = this.nextAt - Date.now();
      if (wait > 0) await delay(wait);
      try {
        return await send();
      } finally {
        this.nextAt = Date.now() + this.options.gapMs + Math.floor(this.random() * this.options.jitterMs);
      }
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}
