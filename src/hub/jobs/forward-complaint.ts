// forward_complaint: files a confirmed complaint with its agency's connector, once.
// The Idempotency-Key is the complaint id and every attempt sends the same body (kept on the
// first attempt), so a retried or re-run job files nothing new.
import type { Prisma as PrismaNS, PrismaClient } from '@prisma/client';
import { ConnectorError, toLaporReport } from '../../connectors/index.js';
import type { Logger } from '../../log.js';
import type { Metrics } from '../../metrics.js';
import type { AgencyConnectors } from '../agency-connectors.js';
import { recordFiling } from '../filing.js';
import { notifyCitizen } from '../notifier.js';
import type { OfficerFeed } from '../officers/telegram-bridge.js';
import type { ConversationEngine, Enqueue } from '../ports.js';

export interface ForwardDeps {
  prisma: PrismaClient;
  connectors: AgencyConnectors;
  engine: ConversationEngine;
  enqueue: Enqueue;
  /** the hub's public base URL (attachment links); read when a report is first sent */
  publicUrl: () => string;
  logger: Logger;
  now?: () => Date;
  /** officers hear of reports filed by hand (manual connector) */
  onWaitingManual?: (complaintId: string) => Promise<void>;
  /** after a filing committed: updates that arrived before the tracking id are applied now */
  afterFiling?: (agencyId: string, trackingId: string) => Promise<void>;
  /** a retried filing went through: the destination is back, other retries need not wait */
  onRecovered?: () => Promise<void>;
  /** officers hear of filed, waiting and failed reports (the officers' Telegram chat) */
  officerFeed?: OfficerFeed;
  /** reports filed and the time from confirmation to filing */
  metrics?: Pick<Metrics, 'reportsFiled' | 'forwardingLatency'>;
}

type ComplaintWithIntegration = NonNullable<Awaited<ReturnType<typeof loadComplaint>>>;

const loadComplaint = (prisma: PrismaClient, id: string) =>
  prisma.complaint.findUnique({ where: { id }, include: { integration: true } });

export function forwardComplaintHandler(deps: ForwardDeps) {
  const now = deps.now ?? (() => new Date());
  return async (payload: { complaintId: string }, job?: { attempts: number }): Promise<void> => {
    const complaint = await loadComplaint(deps.prisma, payload.complaintId);
    if (!complaint || complaint.status !== 'CONFIRMED') return; // filed, rejected or gone: nothing to do
    const connector = await deps.connectors.forIntegration(complaint.agencyId, complaint.integrationId);
    const body = await bodyToSend(deps.prisma, complaint, deps.publicUrl());
    let filed;
    try {
      filed = await connector.submit(body, complaint.id);
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      if (error.kind === 'auth') {
        deps.connectors.markUnhealthy(complaint.agencyId, error.message);
        deps.logger.error({ agencyId: complaint.agencyId, status: error.details.status },
          'ALERT: LAPOR! refused the hub\'s credentials; check LAPOR_API_TOKEN / the agency connector');
        throw error;
      }
      if (error.kind === 'rejected') {
        await markRejected(deps, complaint, error, now());
        return;
      }
      if (error.kind === 'conflict') {
        // the same key with another body: a report may exist there; an operator must look
        deps.logger.error({ complaintId: complaint.id, agencyId: complaint.agencyId },
          'ALERT: destination answered 409 (idempotency key reused with another body); complaint marked FAILED');
        await failComplaint(deps, complaint.id, 'conflict', now());
        return;
      }
      throw error;
    }
    deps.connectors.markHealthy(complaint.agencyId);
    const at = now();
    const recorded = await deps.prisma.$transaction(async (tx) => {
      if (!filed) {
        await tx.complaint.update({ where: { id: complaint.id }, data: { status: 'WAITING_MANUAL' } });
        const event = await tx.complaintEvent.create({ data: { complaintId: complaint.id, type: 'waiting_manual', status: 'WAITING_MANUAL', at } });
        await deps.officerFeed?.(tx, complaint.id, event.id); // an officer files it by hand
        return false;
      }
      // conditional: an officer may have filed it by hand meanwhile (admin API)
      return recordFiling(tx, deps, complaint, filed, at, { from: ['CONFIRMED'] });
    });
    if (recorded) {
      deps.metrics?.reportsFiled.inc({ channel: complaint.channel });
      deps.metrics?.forwardingLatency.observe({ channel: complaint.channel }, Math.max(0, (at.getTime() - complaint.confirmedAt.getTime()) / 1000));
    }
    if (!filed) await deps.onWaitingManual?.(complaint.id);
    else {
      // the filing is committed: a failure here leaves kept updates to the poller's next sweep
      await deps.afterFiling?.(complaint.agencyId, filed.trackingId).catch((e: unknown) =>
        deps.logger.warn({ err: (e as Error).message }, 'kept updates not applied yet; the poller will'));
      // a retried filing went through: the destination is back (best effort, after the commit)
      if ((job?.attempts ?? 1) > 1) await deps.onRecovered?.().catch((e: unknown) =>
        deps.logger.warn({ err: (e as Error).message }, 'could not expedite waiting filings'));
    }
  };
}

/** The body of the first attempt, kept on the complaint; built and kept now if this is it. */
async function bodyToSend(prisma: PrismaClient, complaint: ComplaintWithIntegration, publicUrl: string) {
  if (complaint.filedBody) return complaint.filedBody as unknown as ReturnType<typeof toLaporReport>;
  const body = toLaporReport(complaint, { integration: complaint.integration, publicUrl });
  await prisma.complaint.update({ where: { id: complaint.id }, data: { filedBody: body as unknown as PrismaNS.InputJsonObject } });
  return body;
}

/**
 * The complaint cannot be filed by the hub (its job was dead-lettered, or the destination
 * refused it for a reason the citizen cannot fix): kept as FAILED for an officer to file by
 * hand (admin API), and the citizen told. Only from CONFIRMED, so it never undoes a filing.
 */
export async function failComplaint(
  deps: Pick<ForwardDeps, 'prisma' | 'engine' | 'enqueue' | 'logger' | 'officerFeed'>,
  complaintId: string,
  reason: string,
  at: Date,
): Promise<boolean> {
  return deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.complaint.updateMany({ where: { id: complaintId, status: 'CONFIRMED' }, data: { status: 'FAILED' } });
    if (count === 0) return false;
    const complaint = await tx.complaint.findUniqueOrThrow({ where: { id: complaintId }, include: { integration: true } });
    const event = await tx.complaintEvent.create({ data: { complaintId, type: 'failed', status: 'FAILED', data: { reason }, at } });
    await deps.officerFeed?.(tx, complaintId, event.id); // an officer may file it by hand
    await notifyCitizen(tx, deps, complaint, 'complaint_failed', {}, at);
    return true;
  });
}

async function markRejected(
  deps: ForwardDeps,
  complaint: { id: string; integrationId: string; chatId: string; language: string; integration: { type: string } },
  error: ConnectorError,
  at: Date,
) {
  const fieldErrors = error.details.fieldErrors ?? [{ field: '-', message: error.message }];
  await deps.prisma.$transaction(async (tx) => {
    await tx.complaint.update({
      where: { id: complaint.id },
      data: { status: 'REJECTED', rejection: { kind: error.kind, errors: fieldErrors } },
    });
    await tx.complaintEvent.create({
      data: { complaintId: complaint.id, type: 'rejected', status: 'REJECTED', data: { errors: fieldErrors }, at },
    });
    const language = complaint.language === 'en' ? 'en' : 'id';
    await notifyCitizen(tx, deps, complaint, 'complaint_rejected', {
      reasons: fieldErrors.map((e) => `${deps.engine.fieldLabel(language, e.field)}: ${e.message}`),
    }, at);
  });
  deps.logger.warn({ complaintId: complaint.id, fields: fieldErrors.map((e) => e.field) }, 'complaint rejected by destination');
}
