// What an officer does to a complaint, from any place they work (the admin API, the /admin
// page, the officers' Telegram chat): reply to the citizen, enter a status or the tracking
// number, take the report. Each action is scoped to the officer's agency (another agency's
// complaint is "not found", like a missing one) and written to the audit log.
import type { Complaint, PrismaClient } from '@prisma/client';
import { isClosed, type LaporStatus } from '../../core/taxonomy.js';
import type { Logger } from '../../log.js';
import type { ConversationService } from '../conversations.js';
import { ManualEntryError, type ManualFiling } from '../manual-filing.js';
import { notifyCitizen } from '../notifier.js';
import type { AlsoInTransaction } from '../status-relay.js';
import type { ConversationEngine, Enqueue, QueueWaker } from '../ports.js';
import { audit } from './audit.js';
import type { Principal } from './principal.js';
import type { OfficerFeed } from './telegram-bridge.js';

export class OfficerDeskError extends Error {
  constructor(readonly kind: 'not_found' | 'conflict', message: string) {
    super(message);
    this.name = 'OfficerDeskError';
  }
}

export interface OfficerDeskDeps {
  prisma: PrismaClient;
  engine: ConversationEngine;
  enqueue: Enqueue;
  queue: QueueWaker;
  conversations: Pick<ConversationService, 'notifyConversation'>;
  manual: ManualFiling;
  /** the officers' Telegram chat hears of replies made elsewhere (the page, the API) */
  officerFeed?: OfficerFeed;
  logger: Logger;
  now?: () => Date;
}

/** Which complaint: its id, or its LAPOR! tracking number (Telegram commands). */
export type ComplaintRef = { id: string } | { trackingId: string };

export interface OfficerReply {
  eventId: string;
  complaintId: string;
}

export class OfficerDesk {
  constructor(private readonly deps: OfficerDeskDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The complaint if it is the officer's agency's; else not_found, exactly as for a missing one. */
  async find(who: Principal, ref: ComplaintRef): Promise<Complaint> {
    const complaint = await this.deps.prisma.complaint.findFirst({ where: { ...ref, agencyId: who.agencyId } });
    if (!complaint) throw new OfficerDeskError('not_found', 'id' in ref ? `no complaint ${ref.id}` : `no report ${ref.trackingId}`);
    return complaint;
  }

  /**
   * The officer's answer reaches the citizen on their channel (as from the agency, never from
   * the officer by name) and is posted to LAPOR! as the agency's response (post_response,
   * once, when the report has its tracking number). The citizen's next text answers it.
   */
  async reply(who: Principal, ref: ComplaintRef, message: string, source: string): Promise<OfficerReply> {
    const complaint = await this.find(who, ref);
    const { prisma } = this.deps;
    const at = this.now();
    const agency = await prisma.agency.findUniqueOrThrow({ where: { id: complaint.agencyId }, select: { name: true } });
    const integration = await prisma.integration.findUniqueOrThrow({ where: { id: complaint.integrationId }, select: { type: true } });
    const eventId = await prisma.$transaction(async (tx) => {
      const event = await tx.complaintEvent.create({
        data: {
          complaintId: complaint.id,
          type: 'officer_reply',
          at,
          data: { message, author: agency.name, officerId: who.officerId, officer: who.name },
        },
      });
      if (!complaint.firstResponseAt) await tx.complaint.update({ where: { id: complaint.id }, data: { firstResponseAt: at } });
      await notifyCitizen(tx, this.deps, { ...complaint, integration }, 'officer_reply', { author: agency.name, message, trackingId: complaint.trackingId ?? '' }, at);
      await this.deps.enqueue(tx, 'post_response', { complaintId: complaint.id, eventId: event.id });
      // a reply made in Telegram is confirmed there by the bridge itself
      if (!source.startsWith('telegram')) await this.deps.officerFeed?.(tx, complaint.id, event.id);
      await audit(tx, who, { action: 'reply', target: `complaint:${complaint.id}`, detail: { eventId: event.id, length: message.length }, source }, at);
      return event.id;
    });
    this.deps.queue.notify();
    // the reply has committed (the citizen will get it): what follows must not make the caller
    // think it failed and send it again
    try {
      await this.deps.conversations.notifyConversation(
        { integrationId: complaint.integrationId, channel: integration.type as never, chatId: complaint.chatId },
        { kind: 'agency_response', complaintId: complaint.id, trackingId: complaint.trackingId },
      );
    } catch (error) {
      this.deps.logger.warn({ complaintId: complaint.id, eventId, err: (error as Error).name }, 'conversation not told of the officer reply: the citizen\'s next text starts afresh');
    }
    this.deps.logger.info({ complaintId: complaint.id, eventId }, 'officer replied');
    return { eventId, complaintId: complaint.id };
  }

  /** A status the officer saw on lapor.go.id or decided (manual connector); the citizen is told. */
  async setStatus(who: Principal, ref: ComplaintRef, input: { status: LaporStatus; institution?: string | null }, source: string): Promise<Complaint> {
    const complaint = await this.find(who, ref);
    await this.manualEntry(() => this.deps.manual.enterStatus(complaint.id, input,
      this.audited(who, { action: 'status', target: `complaint:${complaint.id}`, detail: { from: complaint.status, to: input.status }, source })));
    return this.find(who, { id: complaint.id });
  }

  /** An agency response the officer copied from lapor.go.id (or gives here); the citizen gets it. */
  async enterResponse(who: Principal, ref: ComplaintRef, input: { message: string; author?: string | null }, source: string): Promise<Complaint> {
    const complaint = await this.find(who, ref);
    await this.manualEntry(() => this.deps.manual.enterResponse(complaint.id, input,
      this.audited(who, { action: 'response', target: `complaint:${complaint.id}`, detail: { length: input.message.length }, source })));
    return this.find(who, { id: complaint.id });
  }

  /** The officer filed the report on lapor.go.id by hand and got this tracking number. */
  async setTracking(who: Principal, ref: ComplaintRef, input: { trackingId: string; url?: string | null }, source: string): Promise<Complaint> {
    const complaint = await this.find(who, ref);
    await this.manualEntry(() => this.deps.manual.file(complaint.id, input,
      this.audited(who, { action: 'tracking', target: `complaint:${complaint.id}`, detail: { trackingId: input.trackingId }, source })));
    return this.find(who, { id: complaint.id });
  }

  /**
   * The officer takes the report: colleagues see who works on it. Taking it again is a no-op.
   * Compare-and-set on the holder, so two officers taking it at once each learn the right
   * predecessor (the later one hears that the first has it).
   */
  async claim(who: Principal, ref: ComplaintRef, source: string): Promise<{ complaint: Complaint; previous: string | null }> {
    for (let attempt = 0; ; attempt++) {
      const complaint = await this.find(who, ref);
      if (complaint.claimedBy === who.actorKey) return { complaint, previous: complaint.claimedByName };
      const at = this.now();
      const updated = await this.deps.prisma.$transaction(async (tx) => {
        const { count } = await tx.complaint.updateMany({
          where: { id: complaint.id, claimedBy: complaint.claimedBy },
          data: { claimedBy: who.actorKey, claimedByName: who.name, claimedAt: at },
        });
        if (count === 0) return null; // someone else took it meanwhile: read again
        await tx.complaintEvent.create({ data: { complaintId: complaint.id, type: 'claimed', at, data: { by: who.name, previous: complaint.claimedByName } } });
        await audit(tx, who, { action: 'claim', target: `complaint:${complaint.id}`, detail: { previous: complaint.claimedByName }, source }, at);
        return tx.complaint.findUniqueOrThrow({ where: { id: complaint.id } });
      });
      if (updated) return { complaint: updated, previous: complaint.claimedByName };
      if (attempt >= 5) throw new OfficerDeskError('conflict', 'the report changed hands several times at once; try again');
    }
  }

  /** The caller's open reports (/tugas): taken by them and not closed, oldest first. */
  async openFor(who: Principal): Promise<Complaint[]> {
    const rows = await this.deps.prisma.complaint.findMany({
      where: { agencyId: who.agencyId, claimedBy: who.actorKey },
      orderBy: { claimedAt: 'asc' },
      take: 200,
    });
    return rows.filter((c) => !isClosed(c.status));
  }

  /** The audit entry, written in the action's own transaction: no action without its entry. */
  private audited(who: Principal, entry: Parameters<typeof audit>[2]): AlsoInTransaction {
    return (tx) => audit(tx, who, entry, this.now());
  }

  private async manualEntry(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (error instanceof ManualEntryError) throw new OfficerDeskError(error.kind, error.message);
      throw error;
    }
  }
}
