// Applies one LAPOR! update (polled or pushed) at most once, and tells the citizen.
// Once-only rests on ComplaintEvent.externalId being unique: a replay fails the insert
// and the whole transaction, so neither the status nor the message is written twice.
import type { Prisma, PrismaClient } from '@prisma/client';
import type { LaporUpdate } from '../connectors/index.js';
import { isClosed } from '../core/taxonomy.js';
import { isUniqueViolation } from '../db/client.js';
import type { Logger } from '../log.js';
import type { ConversationService } from './conversations.js';
import { notifyCitizen } from './notifier.js';
import type { ConversationEngine, Enqueue, QueueWaker } from './ports.js';

export type ApplyOutcome = 'applied' | 'duplicate' | 'unknown_report';

/** Work that must commit with the update or not at all (an officer's audit entry). */
export type AlsoInTransaction = (tx: Prisma.TransactionClient) => Promise<unknown>;

/** Statuses a citizen is told about, each with its own notification text. */
const ANNOUNCED = new Set(['TERVERIFIKASI', 'TERDISPOSISI', 'DITINDAKLANJUTI', 'DITUNDA', 'SELESAI', 'BUKAN_WEWENANG', 'DIARSIPKAN']);

export interface StatusRelayDeps {
  prisma: PrismaClient;
  engine: ConversationEngine;
  enqueue: Enqueue;
  queue: QueueWaker;
  conversations: ConversationService;
  logger: Logger;
  now?: () => Date;
}

export class StatusRelay {
  constructor(private readonly deps: StatusRelayDeps) {}

  async apply(agencyId: string, update: LaporUpdate, alsoInTransaction?: AlsoInTransaction): Promise<ApplyOutcome> {
    const { prisma } = this.deps;
    const complaint = await prisma.complaint.findFirst({
      where: { trackingId: update.trackingId, agencyId },
      include: { integration: true },
    });
    if (!complaint) {
      await this.keepPending(agencyId, update);
      // the filing may have committed between the lookup and keeping: apply it now then
      const filedMeanwhile = await prisma.complaint.findFirst({ where: { trackingId: update.trackingId, agencyId }, select: { id: true } });
      if (filedMeanwhile) await this.applyPending(agencyId, update.trackingId);
      return filedMeanwhile ? 'applied' : 'unknown_report';
    }
    const now = this.deps.now?.() ?? new Date();
    // an update older than the one that set the current status (a late push, a re-read page)
    // is kept in the history but does not roll the status back
    const stale = complaint.statusAt !== null && update.at < complaint.statusAt;
    const statusChanged = !stale && update.status !== complaint.status;
    const isAgencyResponse = update.type === 'response' && update.response && update.response.role !== 'pelapor';
    try {
      await prisma.$transaction(async (tx) => {
        await tx.complaintEvent.create({
          data: {
            complaintId: complaint.id,
            type: update.type,
            status: update.status,
            externalId: `${agencyId}:${update.id}`,
            at: update.at,
            data: update.response
              ? { responseId: update.response.id, author: update.response.author, role: update.response.role, message: update.response.message }
              : { institution: update.institution ?? null },
          },
        });
        await tx.complaint.update({
          where: { id: complaint.id },
          data: {
            ...(!stale ? {
              status: update.status,
              statusAt: update.at,
              ...(update.institution ? { institution: update.institution } : {}),
              closedAt: isClosed(update.status) ? (complaint.closedAt ?? update.at) : null,
            } : {}),
            ...(!complaint.verifiedAt && update.status !== 'BELUM_TERVERIFIKASI' ? { verifiedAt: update.at } : {}),
            ...(isAgencyResponse && !complaint.firstResponseAt ? { firstResponseAt: update.at } : {}),
          },
        });
        if (isAgencyResponse) {
          await notifyCitizen(tx, this.deps, complaint, 'agency_response', {
            trackingId: complaint.trackingId,
            author: update.response!.author ?? update.institution ?? complaint.institution ?? '',
            message: update.response!.message,
          }, now);
        } else if (update.type === 'status' && statusChanged && ANNOUNCED.has(update.status)) {
          await notifyCitizen(tx, this.deps, complaint, `status_${update.status}`, {
            trackingId: complaint.trackingId,
            institution: update.institution ?? complaint.institution ?? '',
          }, now);
        }
        await alsoInTransaction?.(tx);
      });
    } catch (error) {
      if (isUniqueViolation(error)) return 'duplicate';
      throw error;
    }
    this.deps.queue.notify();
    if (isAgencyResponse) {
      // the citizen's next free text in that chat becomes their answer to this response
      await this.deps.conversations.notifyConversation(
        { integrationId: complaint.integrationId, channel: complaint.integration.type as never, chatId: complaint.chatId },
        { kind: 'agency_response', complaintId: complaint.id, trackingId: complaint.trackingId },
      );
    }
    this.deps.logger.info({ complaintId: complaint.id, type: update.type, status: update.status, stale }, 'status update applied');
    return 'applied';
  }

  /** Applies, oldest first, the updates that came before the hub knew this tracking id. */
  async applyPending(agencyId: string, trackingId: string): Promise<number> {
    const rows = await this.deps.prisma.pendingUpdate.findMany({ where: { agencyId, trackingId }, orderBy: { createdAt: 'asc' } });
    let applied = 0;
    for (const row of rows) {
      const outcome = await this.apply(agencyId, reviveUpdate(row.update));
      if (outcome === 'unknown_report') break; // not filed after all: keep them
      if (outcome === 'applied') applied++;
      await this.deps.prisma.pendingUpdate.delete({ where: { id: row.id } });
    }
    return applied;
  }

  /** Kept updates whose tracking id is known by now (a hand-over that failed): applied. */
  async applyKnownPending(agencyId: string): Promise<number> {
    const rows = await this.deps.prisma.pendingUpdate.findMany({ where: { agencyId }, select: { trackingId: true }, distinct: ['trackingId'] });
    let applied = 0;
    for (const { trackingId } of rows) {
      if (await this.deps.prisma.complaint.findFirst({ where: { agencyId, trackingId }, select: { id: true } })) {
        applied += await this.applyPending(agencyId, trackingId);
      }
    }
    return applied;
  }

  private async keepPending(agencyId: string, update: LaporUpdate): Promise<void> {
    const id = `${agencyId}:${update.id}`;
    await this.deps.prisma.pendingUpdate.upsert({
      where: { id },
      create: { id, agencyId, trackingId: update.trackingId, update: JSON.parse(JSON.stringify(update)) },
      update: {},
    });
  }
}

/** A LaporUpdate back from its JSON form (dates were ISO strings). */
function reviveUpdate(json: unknown): LaporUpdate {
  const update = json as LaporUpdate & { at: string; response?: { createdAt: string } };
  return {
    ...update,
    at: new Date(update.at),
    ...(update.response ? { response: { ...update.response, createdAt: new Date(update.response.createdAt) } } : {}),
  } as LaporUpdate;
}
