// How staff see a complaint. The reporter of an anonymous complaint stays hidden even from
// staff (the hub keeps it to itself), and chat ids never leave the hub: on WhatsApp they are
// phone numbers.
import type { Complaint, ComplaintEvent } from '@prisma/client';

export function complaintView(c: Complaint) {
  return {
    id: c.id,
    agencyId: c.agencyId,
    integrationId: c.integrationId,
    channel: c.channel,
    language: c.language,
    classification: c.classification,
    title: c.title,
    content: c.content,
    category: c.category,
    dateOfIncident: c.dateOfIncident,
    location: {
      code: c.locationCode,
      name: c.locationName,
      address: c.locationAddress,
      latitude: c.latitude,
      longitude: c.longitude,
    },
    isAnonymous: c.isAnonymous,
    isSecret: c.isSecret,
    reporter: c.isAnonymous ? null : { name: c.reporterName, phone: c.reporterPhone },
    attachments: c.attachments,
    status: c.status,
    trackingId: c.trackingId,
    laporUrl: c.laporUrl,
    institution: c.institution,
    rejection: c.rejection,
    confirmedAt: c.confirmedAt,
    filedAt: c.filedAt,
    verifiedAt: c.verifiedAt,
    firstResponseAt: c.firstResponseAt,
    closedAt: c.closedAt,
    updatedAt: c.updatedAt,
  };
}

export function eventView(e: ComplaintEvent) {
  return { id: e.id, type: e.type, status: e.status, at: e.at, data: e.data };
}
