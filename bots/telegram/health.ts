// The adapter's health, read from the API calls themselves: a transformer sees every
// getUpdates result and every 401, so no extra probing is needed.
import type { Transformer } from 'grammy';
import type { ChannelHealth } from '../../src/core/channel.js';

/** consecutive failed getUpdates calls after which polling counts as degraded */
export const DEGRADED_AFTER = 3;

export class HealthTracker {
  private state: ChannelHealth = { status: 'disconnected', detail: 'not started' };
  private pollFailures = 0;
  private stopped = true;

  get(): ChannelHealth {
    return { ...this.state };
  }

  started(): void {
    this.stopped = false;
    this.pollFailures = 0;
    this.state = { status: 'connected' };
  }

  stoppedBecause(detail: string): void {
    this.stopped = true;
    this.state = { status: 'disconnected', detail };
  }

  pollSucceeded(): void {
    this.pollFailures = 0;
    if (!this.stopped) this.state = { status: 'connected' };
  }

  pollFailed(detail: string): void {
    this.pollFailures += 1;
    if (!this.stopped && this.pollFailures >= DEGRADED_AFTER) {
      this.state = { status: 'degraded', detail: `${this.pollFailures} failed polls: ${detail}` };
    }
  }

  /** Outermost API transformer: watches results without changing them. */
  transformer(): Transformer {
    return async (prev, method, payload, signal) => {
      const polling = method === 'getUpdates';
      try {
        const res = await prev(method, payload, signal);
        if (res.ok) {
          if (polling) this.pollSucceeded();
        } else if (res.error_code === 401) {
          this.stoppedBecause('unauthorized: the bot token was rejected');
        } else if (polling) {
          this.pollFailed(`${res.error_code} ${res.description}`);
        }
        return res;
      } catch (err) {
        if (polling && !signal?.aborted) this.pollFailed(err instanceof Error ? err.message : String(err));
        throw err;
      }
    };
  }
}
