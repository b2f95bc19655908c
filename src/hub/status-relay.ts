// Applies one LAPOR! update (polled or pushed) at most once, and tells the citizen.
// Once-only rests on ComplaintEvent.externalId being unique: a replay fails the insert
// and the whole transaction, so neither the status nor the message is written twice.
import type { PrismaClient } from '@prisma/client';
import type { LaporUpdate } from '../connectors/index.js';
import { isClosed } from '../core/taxonomy.js';
import { isUniqueViolation } from '../db/client.js';
import type { Logger } from '../log.js';
import type { ConversationService } from './conversations.js';
import { notifyCitizen } from './notifier.js';
import type { ConversationEngine, Enqueue, QueueWaker } from './ports.js';

export type ApplyOutcome = 'applied' | 'duplicate' | 'unknown_report';

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

  async apply(agencyId: string, update: LaporUpdate): Promise<ApplyOutcome> {
    const { prisma } = this.deps;
    const complaint = await prisma.complaint.findFirst({
      where: { trackingId: update.trackingId, agencyId },
      include: { integration: true },
    });
    if (!complaint) return 'unknown_report';
    const now = this.deps.now?.() ?? new Date();
    const statusChanged = update.status !== complaint.status;
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
            status: update.status,
            ...(update.institution ? { institution: update.institution } : {}),
            ...(!complaint.verifiedAt && update.status !== 'BELUM_TERVERIFIKASI' ? { verifiedAt: update.at } : {}),
            ...(isAgencyResponse && !complaint.firstResponseAt ? { firstResponseAt: update.at } : {}),
            closedAt: isClosed(update.status) ? (complaint.closedAt ?? update.at) : null,
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
    this.deps.logger.info({ complaintId: complaint.id, type: update.type, status: update.status }, 'status update applied');
    return 'applied';
  }
}
