// The number's health, read from the Graph API calls themselves: an auth error (190, 401)
// makes it degraded until a call succeeds again; every change is reported to the hub.
import type { ChannelHealth } from '../../src/core/channel.js';

export class HealthTracker {
  private state: ChannelHealth = { status: 'disconnected', detail: 'not started' };

  constructor(private readonly report: (health: ChannelHealth) => void) {}

  get(): ChannelHealth {
    return { ...this.state };
  }

  connected(): void {
    this.set({ status: 'connected' });
  }

  degraded(detail: string): void {
    this.set({ status: 'degraded', detail });
  }

  disconnected(detail: string): void {
    this.set({ status: 'disconnected', detail });
  }

  private set(next: ChannelHealth): void {
    if (next.status === this.state.status && next.detail === this.state.detail) return;
    this.state = next;
    this.report({ ...next });
  }
}
