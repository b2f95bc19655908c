// Deletes evidence nothing will use: files staged but never taken by a conversation (the
// turn failed or the process died in between), files on disk without a row, and files of
// reports never filed whose conversation has been quiet for the retention period.
// Filed evidence (a complaint carries it) is kept: LAPOR! links to it.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrismaClient } from '@prisma/client';
import type { Logger } from '../log.js';
import type { HubMediaStore } from './media-store.js';
import { PeriodicTask } from './periodic-task.js';

/** a staged file is taken or discarded by the turn it came with, within seconds */
export const STAGED_MEDIA_TTL_MS = 60 * 60_000;
export const MEDIA_SWEEP_INTERVAL_MS = 60 * 60_000;
const DAY_MS = 24 * 3600_000;

export interface MediaRetentionDeps {
  prisma: PrismaClient;
  media: HubMediaStore;
  logger: Logger;
  retentionDays: number;
  now?: () => Date;
}

export class MediaRetention {
  private readonly task: PeriodicTask;

  constructor(private readonly deps: MediaRetentionDeps) {
    this.task = new PeriodicTask(() => this.sweep((deps.now ?? (() => new Date()))()), deps.logger, 'media sweep failed; trying again later');
  }

  start(intervalMs = MEDIA_SWEEP_INTERVAL_MS): void {
    this.task.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One pass as of `now`; returns how many files it deleted. */
  async sweep(now: Date): Promise<number> {
    const { media } = this.deps;
    const stagedBefore = new Date(now.getTime() - STAGED_MEDIA_TTL_MS);
    let removed = await this.drain(() => media.remove({ keptAt: null, createdAt: { lt: stagedBefore } }));
    removed += await this.removeAbandoned(new Date(now.getTime() - this.deps.retentionDays * DAY_MS));
    removed += await this.removeFilesWithoutRows(stagedBefore);
    if (removed) this.deps.logger.info({ removed }, 'media sweep deleted unused evidence files');
    return removed;
  }

  private async drain(batch: () => Promise<number>): Promise<number> {
    let total = 0;
    for (let n = await batch(); n > 0; n = await batch()) total += n;
    return total;
  }

  /** unfiled files kept before `cutoff` whose conversation has not moved since (or is gone) */
  private async removeAbandoned(cutoff: Date): Promise<number> {
    const { prisma, media } = this.deps;
    let removed = 0;
    for (let after = ''; ;) {
      const candidates = await prisma.media.findMany({
        where: { complaintId: null, keptAt: { lt: cutoff }, id: { gt: after } },
        select: { id: true, conversationId: true }, orderBy: { id: 'asc' }, take: 500,
      });
      if (!candidates.length) return removed;
      after = candidates[candidates.length - 1]!.id;
      const conversationIds = [...new Set(candidates.flatMap((m) => (m.conversationId ? [m.conversationId] : [])))];
      const active = new Set((await prisma.conversation.findMany({
        where: { id: { in: conversationIds }, updatedAt: { gte: cutoff } }, select: { id: true },
      })).map((c) => c.id));
      const ids = candidates.filter((m) => !m.conversationId || !active.has(m.conversationId)).map((m) => m.id);
      if (ids.length) removed += await media.remove({ id: { in: ids }, complaintId: null, keptAt: { lt: cutoff } });
    }
  }

  /** a file whose row is gone (deleted before its file, then the process stopped) */
  private async removeFilesWithoutRows(olderThan: Date): Promise<number> {
    const { prisma, media } = this.deps;
    const names = await readdir(media.dir).catch(() => [] as string[]);
    let removed = 0;
    for (let i = 0; i < names.length; i += 500) {
      const chunk = names.slice(i, i + 500);
      const known = new Set((await prisma.media.findMany({ where: { path: { in: chunk } }, select: { path: true } })).map((m) => m.path));
      for (const name of chunk.filter((n) => !known.has(n))) {
        const file = join(media.dir, name);
        const info = await stat(file).catch(() => null);
        // young files may belong to a save() between its write and its row
        if (info?.isFile() && info.mtime < olderThan) {
          await rm(file, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}
