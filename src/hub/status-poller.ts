// Polls each agency's connector for updates: one request per poll covers every open
// report. The cursor is stored only after the page's updates are applied, so a crash
// re-reads a page and the once-only rule drops what was already applied.
import type { PrismaClient } from '@prisma/client';
import { ConnectorError } from '../connectors/index.js';
import type { Logger } from '../log.js';
import type { AgencyConnectors } from './agency-connectors.js';
import type { StatusRelay } from './status-relay.js';

export interface StatusPollerDeps {
  prisma: PrismaClient;
  connectors: AgencyConnectors;
  relay: StatusRelay;
  logger: Logger;
  intervalMs: number;
  pageSize?: number;
}

export class StatusPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly deps: StatusPollerDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One poll of every agency; also what tests call instead of waiting for the timer. */
  async pollOnce(): Promise<number> {
    let applied = 0;
    const agencies = await this.deps.prisma.agency.findMany({ select: { id: true } });
    for (const { id } of agencies) {
      try {
        applied += await this.deps.relay.applyKnownPending(id);
        applied += await this.pollAgency(id);
      } catch (error) {
        this.deps.logger.warn({ agencyId: id, err: (error as Error).message }, 'status poll failed; next poll retries');
      }
    }
    return applied;
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pollOnce().then(() => undefined).finally(() => this.schedule(this.deps.intervalMs));
    }, delayMs);
    this.timer.unref();
  }

  private async pollAgency(agencyId: string): Promise<number> {
    const { prisma } = this.deps;
    const connector = await this.deps.connectors.forAgency(agencyId);
    const key = `lapor-cursor:${agencyId}`;
    let cursor = (await prisma.keyValue.findUnique({ where: { key } }))?.value ?? null;
    const limit = this.deps.pageSize ?? 100;
    let applied = 0;
    for (;;) {
      let page;
      try {
        page = await connector.fetchUpdates(cursor, limit);
      } catch (error) {
        // the destination forgot our cursor: read the feed again from the start;
        // updates already applied are dropped by the once-only rule
        if (!(error instanceof ConnectorError && error.kind === 'rejected' && cursor)) throw error;
        this.deps.logger.warn({ agencyId }, 'update cursor rejected; re-reading the feed from the beginning');
        cursor = null;
        await prisma.keyValue.deleteMany({ where: { key } });
        continue;
      }
      for (const update of page.updates) {
        if ((await this.deps.relay.apply(agencyId, update)) === 'applied') applied++;
      }
      if (page.nextCursor && page.nextCursor !== cursor) {
        cursor = page.nextCursor;
        await prisma.keyValue.upsert({ where: { key }, create: { key, value: cursor }, update: { value: cursor } });
      }
      if (page.updates.length < limit) return applied;
    }
  }
}
