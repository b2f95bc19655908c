// reportStatus: an integration's status, reason, connectedSince and lastSeenAt, for the public
// integrations list. Writes happen one after the other per integration and never throw.
import type { PrismaClient } from '@prisma/client';
import type { ChannelHealth, ChannelLogger } from '../core/channel.js';

export interface IntegrationStatusDeps {
  prisma: PrismaClient;
  integrationId: string;
  now: () => Date;
  logger: ChannelLogger;
  /** while connected, lastSeenAt is written at most this often (default one minute) */
  lastSeenEveryMs?: number;
}

export class IntegrationStatus {
  private written: ChannelHealth | undefined;
  private lastSeenWrittenAt = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: IntegrationStatusDeps) {}

  report(health: ChannelHealth): void {
    const snapshot = { ...health };
    this.chain = this.chain.then(() => this.write(snapshot)).catch((error: unknown) => {
      this.deps.logger.warn({ integrationId: this.deps.integrationId, err: (error as Error).message }, 'integration status not recorded');
    });
  }

  /** resolves when every report so far is written (or failed) */
  flush(): Promise<void> {
    return this.chain;
  }

  private async write(health: ChannelHealth): Promise<void> {
    const at = this.deps.now();
    const reason = health.detail ?? null;
    const previous = this.written;
    const changed = !previous || previous.status !== health.status || (previous.detail ?? null) !== reason;
    const connected = health.status === 'connected';
    const seenDue = connected && at.getTime() - this.lastSeenWrittenAt >= (this.deps.lastSeenEveryMs ?? 60_000);
    if (!changed && !seenDue) return;
    await this.deps.prisma.integration.update({
      where: { id: this.deps.integrationId },
      data: {
        ...(changed ? { status: health.status, statusReason: reason } : {}),
        ...(connected ? { lastSeenAt: at } : {}),
        ...(connected && previous?.status !== 'connected' ? { connectedSince: at } : {}),
      },
    });
    this.written = { status: health.status, ...(reason !== null ? { detail: reason } : {}) };
    if (connected) this.lastSeenWrittenAt = at.getTime();
  }
}
