// What an officer enters by hand after working on lapor.go.id: the tracking id of a report
// they filed there, a status they saw, an agency response. For agencies on the `manual`
// connector, and to correct any complaint. Statuses and responses go through the same
// StatusRelay as polled updates, so the citizen is told exactly the same things.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import type { LaporUpdate } from '../connectors/index.js';
import type { LaporStatus } from '../core/taxonomy.js';
import { isUniqueViolation } from '../db/client.js';
import type { Logger } from '../log.js';
import { recordFiling } from './filing.js';
import type { ConversationEngine, Enqueue, QueueWaker } from './ports.js';
import type { OfficerFeed } from './officers/telegram-bridge.js';
import type { AlsoInTransaction, StatusRelay } from './status-relay.js';

/** A complaint may be filed by hand only while the hub has not filed it. */
export const FILABLE_STATUSES = ['CONFIRMED', 'WAITING_MANUAL', 'FAILED'] as const;

/** Where the citizen can follow a report whose own URL the officer did not give. */
export const LAPOR_HOME = 'https://www.lapor.go.id';

/** As on LAPOR!: an agency's response moves a report not yet followed up to DITINDAKLANJUTI. */
const BEFORE_FOLLOW_UP: readonly string[] = ['BELUM_TERVERIFIKASI', 'TERVERIFIKASI', 'TERDISPOSISI'];

export class ManualEntryError extends Error {
  constructor(readonly kind: 'not_found' | 'conflict', message: string) {
    super(message);
    this.name = 'ManualEntryError';
  }
}

export interface ManualFilingDeps {
  prisma: PrismaClient;
  engine: ConversationEngine;
  enqueue: Enqueue;
  queue: QueueWaker;
  relay: StatusRelay;
  logger: Logger;
  now?: () => Date;
  /** the officers' chat hears that the report was filed by hand */
  officerFeed?: OfficerFeed;
}

export class ManualFiling {
  constructor(private readonly deps: ManualFilingDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The officer filed the complaint on lapor.go.id and got this tracking id. */
  async file(complaintId: string, input: { trackingId: string; url?: string | null }, alsoInTransaction?: AlsoInTransaction): Promise<void> {
    const { prisma } = this.deps;
    const complaint = await this.find(complaintId);
    const taken = await prisma.complaint.findFirst({ where: { trackingId: input.trackingId, NOT: { id: complaintId } }, select: { id: true } });
    if (taken) throw new ManualEntryError('conflict', `tracking id ${input.trackingId} belongs to another complaint`);
    if (complaint.status === 'CONFIRMED' && (await this.forwardInFlight(complaintId))) {
      // the connector may be filing it this very moment: two reports on LAPOR! otherwise
      throw new ManualEntryError('conflict', 'the hub is still forwarding this complaint; wait for it to be filed or to fail');
    }
    const at = this.now();
    const filed = { trackingId: input.trackingId, status: 'BELUM_TERVERIFIKASI' as const, url: input.url ?? null, createdAt: at };
    let recorded = false;
    try {
      recorded = await prisma.$transaction(async (tx) => {
        const done = await recordFiling(tx, this.deps, complaint, filed, at, {
          from: FILABLE_STATUSES,
          event: { by: 'manual', url: filed.url },
          statusAt: null,
          link: filed.url ?? LAPOR_HOME,
        });
        if (done) await alsoInTransaction?.(tx);
        return done;
      });
    } catch (error) {
      // another complaint took the number between the check and the write
      if (isUniqueViolation(error)) throw new ManualEntryError('conflict', `tracking id ${input.trackingId} belongs to another complaint`);
      throw error;
    }
    if (!recorded) {
      throw new ManualEntryError('conflict', `complaint is ${complaint.status}; only ${FILABLE_STATUSES.join(', ')} can be filed by hand`);
    }
    this.deps.queue.notify();
    this.deps.logger.info({ complaintId }, 'complaint filed by hand');
    await this.deps.relay.applyPending(complaint.agencyId, input.trackingId);
  }

  private async forwardInFlight(complaintId: string): Promise<boolean> {
    const job = await this.deps.prisma.outboxJob.findFirst({
      where: { kind: 'forward_complaint', status: { in: ['pending', 'running'] }, payload: { equals: { complaintId } } },
      select: { id: true },
    });
    return job !== null;
  }

  /** A status the officer saw on lapor.go.id. */
  async enterStatus(complaintId: string, input: { status: LaporStatus; institution?: string | null }, alsoInTransaction?: AlsoInTransaction): Promise<void> {
    const complaint = await this.filed(complaintId);
    await this.applyUpdate(complaint, { type: 'status', status: input.status, institution: input.institution ?? null }, alsoInTransaction);
  }

  /** An agency response the officer copied from lapor.go.id (or gives here); the citizen may answer it. */
  async enterResponse(complaintId: string, input: { message: string; author?: string | null }, alsoInTransaction?: AlsoInTransaction): Promise<void> {
    const complaint = await this.filed(complaintId);
    const at = this.now();
    await this.applyUpdate(complaint, {
      type: 'response',
      status: (BEFORE_FOLLOW_UP.includes(complaint.status) ? 'DITINDAKLANJUTI' : complaint.status) as LaporStatus,
      response: { id: randomUUID(), author: input.author ?? complaint.agency.name, role: 'instansi', message: input.message, createdAt: at },
    }, alsoInTransaction);
  }

  private async applyUpdate(
    complaint: { id: string; agencyId: string; trackingId: string },
    update: Pick<LaporUpdate, 'type' | 'status' | 'institution' | 'response'>,
    alsoInTransaction?: AlsoInTransaction,
  ): Promise<void> {
    // a fresh synthetic id: each entry applies once, like a polled update
    const outcome = await this.deps.relay.apply(complaint.agencyId, {
      id: `manual:${randomUUID()}`,
      trackingId: complaint.trackingId,
      at: this.now(),
      ...update,
    }, alsoInTransaction);
    if (outcome !== 'applied') throw new ManualEntryError('conflict', `update not applied (${outcome})`);
  }

  private async find(complaintId: string) {
    const complaint = await this.deps.prisma.complaint.findUnique({
      where: { id: complaintId },
      include: { integration: true, agency: true },
    });
    if (!complaint) throw new ManualEntryError('not_found', `no complaint ${complaintId}`);
    return complaint;
  }

  private async filed(complaintId: string) {
    const complaint = await this.find(complaintId);
    if (!complaint.trackingId) {
      throw new ManualEntryError('conflict', `complaint is ${complaint.status} and has no tracking id yet; file it first (POST /complaints/${complaintId}/filed)`);
    }
    return { ...complaint, trackingId: complaint.trackingId };
  }
}
