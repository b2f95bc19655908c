// forward_complaint: files a confirmed complaint with its agency's connector, once.
// The Idempotency-Key is the complaint id, so a retried or re-run job files nothing new.
import type { PrismaClient } from '@prisma/client';
import { ConnectorError, toLaporReport } from '../../connectors/index.js';
import type { Logger } from '../../log.js';
import type { AgencyConnectors } from '../agency-connectors.js';
import { recordFiling } from '../filing.js';
import { notifyCitizen } from '../notifier.js';
import type { ConversationEngine, Enqueue } from '../ports.js';

export interface ForwardDeps {
  prisma: PrismaClient;
  connectors: AgencyConnectors;
  engine: ConversationEngine;
  enqueue: Enqueue;
  publicUrl: string;
  logger: Logger;
  now?: () => Date;
  /** officers hear of reports filed by hand (manual connector) */
  onWaitingManual?: (complaintId: string) => Promise<void>;
}

export function forwardComplaintHandler(deps: ForwardDeps) {
  const now = deps.now ?? (() => new Date());
  return async (payload: { complaintId: string }): Promise<void> => {
    const complaint = await deps.prisma.complaint.findUnique({
      where: { id: payload.complaintId },
      include: { integration: true },
    });
    if (!complaint || complaint.status !== 'CONFIRMED') return; // filed, rejected or gone: nothing to do
    const connector = await deps.connectors.forAgency(complaint.agencyId);
    const body = toLaporReport(complaint, { integration: complaint.integration, publicUrl: deps.publicUrl });
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
      if (error.kind === 'rejected' || error.kind === 'conflict') {
        await markRejected(deps, complaint, error, now());
        return;
      }
      throw error;
    }
    deps.connectors.markHealthy(complaint.agencyId);
    const at = now();
    await deps.prisma.$transaction(async (tx) => {
      if (!filed) {
        await tx.complaint.update({ where: { id: complaint.id }, data: { status: 'WAITING_MANUAL' } });
        await tx.complaintEvent.create({ data: { complaintId: complaint.id, type: 'waiting_manual', status: 'WAITING_MANUAL', at } });
        return;
      }
      // conditional: an officer may have filed it by hand meanwhile (admin API)
      await recordFiling(tx, deps, complaint, filed, at, { from: ['CONFIRMED'] });
    });
    if (!filed) await deps.onWaitingManual?.(complaint.id);
  };
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
    await notifyCitizen(tx, deps, complaint, 'complaint_rejected', {
      reasons: fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '),
    }, at);
  });
  deps.logger.warn({ complaintId: complaint.id, fields: fieldErrors.map((e) => e.field) }, 'complaint rejected by destination');
}
