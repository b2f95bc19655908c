// How staff see a complaint. Who reported follows src/core/reporter-identity.ts (an anonymous
// reporter stays hidden even from staff); `citizen` is the report's pseudonym. Chat ids never
// leave the hub (on WhatsApp they are phone numbers). For an anonymous or secret report the
// texts of the conversation and of the events go through maskContacts: a phone number or NIK
// the citizen typed is not shown.
import type { Complaint, ComplaintEvent, Message } from '@prisma/client';
import { maskContacts, pseudonym } from '../../core/pseudonym.js';
import { shownReporter } from '../../core/reporter-identity.js';

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
    citizen: pseudonym(c.id),
    reporter: reporterOf(c),
    attachments: c.attachments,
    status: c.status,
    trackingId: c.trackingId,
    laporUrl: c.laporUrl,
    institution: c.institution,
    rejection: c.rejection,
    claim: c.claimedBy ? { by: c.claimedBy, name: c.claimedByName, at: c.claimedAt } : null,
    confirmedAt: c.confirmedAt,
    filedAt: c.filedAt,
    verifiedAt: c.verifiedAt,
    firstResponseAt: c.firstResponseAt,
    closedAt: c.closedAt,
    escalatedAt: c.escalatedAt,
    updatedAt: c.updatedAt,
  };
}

function reporterOf(c: Complaint): { name: string | null; phone: string | null } | null {
  if (c.isAnonymous) return null;
  const shown = shownReporter(c, 'desk');
  return { name: shown.name, phone: shown.phone };
}

const masked = (c: Complaint) => c.isAnonymous || c.isSecret;

/** Every string inside a JSON value through maskContacts. */
function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskContacts(value);
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  return value;
}

export function eventView(e: ComplaintEvent, c: Complaint) {
  return { id: e.id, type: e.type, status: e.status, at: e.at, data: masked(c) ? maskDeep(e.data) : e.data };
}

type Body = {
  payload?: string;
  location?: { latitude: number; longitude: number };
  address?: string;
  attachment?: { mediaId: string; filename: string; mimeType: string; size: number };
  caption?: string;
  unsupported?: string;
  quickReplies?: { title: string; payload: string }[];
};

/** One message of the conversation, either direction; no chat id, no platform id. */
export function messageView(m: Message, c: Complaint) {
  const mask = masked(c) ? maskContacts : (s: string) => s;
  const body = (m.body ?? {}) as Body;
  return {
    id: m.id,
    direction: m.direction as 'in' | 'out',
    text: m.text === null ? null : mask(m.text),
    ...(body.payload !== undefined && { payload: body.payload }),
    ...(body.location && { location: { latitude: body.location.latitude, longitude: body.location.longitude, address: body.address ? mask(body.address) : null } }),
    ...(body.attachment && {
      attachment: { mediaId: body.attachment.mediaId, filename: mask(body.attachment.filename), mimeType: body.attachment.mimeType, size: body.attachment.size },
      caption: body.caption ? mask(body.caption) : null,
    }),
    ...(body.unsupported && { unsupported: body.unsupported }),
    ...(body.quickReplies && { quickReplies: body.quickReplies.map((q) => q.title) }),
    createdAt: m.createdAt,
  };
}

/** What became of each message sent to the citizen. */
export function deliveryView(m: Message) {
  return {
    messageId: m.id,
    createdAt: m.createdAt,
    deliveredAt: m.deliveredAt,
    deliveryStatus: m.deliveryStatus,
    deliveryStatusAt: m.deliveryStatusAt,
    deliveryError: m.deliveryError,
  };
}
