// post_response: a citizen's answer (pelapor) or an officer's reply (instansi) posted to
// the complaint on LAPOR!, keyed by the event id so a retry posts it once.
import type { PrismaClient } from '@prisma/client';
import { ConnectorError } from '../../connectors/index.js';
import type { Logger } from '../../log.js';
import type { AgencyConnectors } from '../agency-connectors.js';

export interface PostResponseDeps {
  prisma: PrismaClient;
  connectors: AgencyConnectors;
  logger: Logger;
  /** the hub's public base URL: a response carries no files, so photos go as links */
  publicUrl: () => string;
}

export function postResponseHandler(deps: PostResponseDeps) {
  return async (payload: { complaintId: string; eventId: string }): Promise<void> => {
    const event = await deps.prisma.complaintEvent.findUnique({
      where: { id: payload.eventId },
      include: { complaint: { include: { agency: true } } },
    });
    if (!event) return;
    const data = event.data as { message?: string; remoteId?: string; author?: string; attachments?: { mediaId: string }[] };
    if (data.remoteId || !data.message) return; // posted already
    const { complaint } = event;
    // the reply waits until the report has its tracking id
    if (!complaint.trackingId) throw new ConnectorError('retry', 'complaint has no tracking id yet');
    const role = event.type === 'officer_reply' ? 'instansi' : 'pelapor';
    const connector = await deps.connectors.forIntegration(complaint.agencyId, complaint.integrationId);
    try {
      const posted = await connector.postResponse(
        complaint.trackingId,
        { message: withAttachmentLinks(data.message, data.attachments, deps.publicUrl()), role, author: role === 'instansi' ? (data.author ?? complaint.agency.name) : null },
        event.id,
      );
      await deps.prisma.complaintEvent.update({
        where: { id: event.id },
        data: { data: { ...data, remoteId: posted.id, postedAt: posted.createdAt.toISOString() } },
      });
    } catch (error) {
      if (error instanceof ConnectorError && (error.kind === 'rejected' || error.kind === 'not_found' || error.kind === 'conflict')) {
        await deps.prisma.complaintEvent.update({ where: { id: event.id }, data: { data: { ...data, error: error.message } } });
        deps.logger.warn({ complaintId: complaint.id, kind: error.kind }, 'response not accepted by destination');
        return;
      }
      throw error;
    }
  };
}

function withAttachmentLinks(message: string, attachments: { mediaId: string }[] | undefined, publicUrl: string): string {
  if (!attachments?.length) return message;
  return [message, ...attachments.map((a) => `${publicUrl}/media/${a.mediaId}`)].join('\n');
}
