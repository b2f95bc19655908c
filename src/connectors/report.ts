// Pure mapping of a stored complaint to the POST /complaints body of contracts/lapor-api-v1.md.
// Invariant: an anonymous complaint never carries its reporter's identity.
import { maskPersonalData, normalizePhone } from '../core/phone.js';
import type { Complaint } from '@prisma/client';
import { CHANNEL_TYPES, LAPOR_CHANNEL, type ChannelType } from '../core/taxonomy.js';
import type { LaporReportBody } from './connector.js';

/** Contract limits, in code points after trimming. */
export const REPORT_LIMITS = { title: 150, content: 5000, sourceApp: 64 } as const;

export interface ReportContext {
  /** the channel integration the complaint came through (`source_app`, `channel`) */
  integration: { id: string; type: string };
  /** the hub's public base URL; attachments are linked as `${publicUrl}/media/<mediaId>` */
  publicUrl: string;
  /** LAPOR! institution id when the agency's connector config names one */
  institutionId?: string | null;
}

type ReportFields = Pick<
  Complaint,
  | 'classification' | 'title' | 'content' | 'category' | 'dateOfIncident' | 'channel'
  | 'locationCode' | 'locationName' | 'locationAddress' | 'latitude' | 'longitude'
  | 'isAnonymous' | 'isSecret' | 'reporterName' | 'reporterPhone' | 'attachments'
>;

export function toLaporReport(complaint: ReportFields, ctx: ReportContext): LaporReportBody {
  const c = complaint;
  const base = ctx.publicUrl.replace(/\/+$/, '');
  return {
    // the engine only stores the contract's classifications; the server rejects anything else
    classification: c.classification as LaporReportBody['classification'],
    // the engine masks NIK and phones already; masked again here for complaints stored before
    // it did (the summary promised it), and masking is idempotent
    title: clip(maskPersonalData(c.title), REPORT_LIMITS.title),
    content: clip(maskPersonalData(c.content), REPORT_LIMITS.content),
    date_of_incident: c.dateOfIncident ?? null,
    category: c.category,
    location: toLocation(c),
    institution_id: ctx.institutionId ?? null,
    is_anonymous: c.isAnonymous,
    is_secret: c.isSecret,
    reporter: c.isAnonymous
      ? null
      : { name: (c.reporterName ?? '').trim(), phone: toE164(c.reporterPhone ?? ''), email: null },
    attachments: toAttachments(c.attachments).map((a) => ({
      filename: a.filename,
      mime_type: a.mimeType,
      url: `${base}/media/${encodeURIComponent(a.mediaId)}`,
    })),
    channel: toChannel(ctx.integration.type, c.channel),
    source_app: clip(ctx.integration.id, REPORT_LIMITS.sourceApp),
  };
}

/** Trims, then cuts to `max` code points (never splitting a surrogate pair). */
export function clip(text: string, max: number): string {
  const trimmed = text.trim();
  const points = Array.from(trimmed);
  return points.length <= max ? trimmed : points.slice(0, max).join('').trimEnd();
}

/**
 * A phone number as E.164: Indonesian forms through the same normaliser the bot uses; another
 * country's number already in E.164 passes; anything else goes as written, so that the
 * destination names the field.
 */
export function toE164(phone: string): string {
  const raw = phone.trim();
  const indonesian = normalizePhone(raw);
  if (indonesian) return indonesian;
  const compact = raw.replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{7,14}$/.test(compact) ? compact : raw;
}

function toLocation(c: ReportFields): LaporReportBody['location'] {
  const loc = {
    code: c.locationCode ?? null,
    name: c.locationName ?? null,
    address: c.locationAddress ?? null,
    latitude: c.latitude ?? null,
    longitude: c.longitude ?? null,
  };
  return Object.values(loc).every((v) => v === null) ? null : loc;
}

function toChannel(integrationType: string, stored: string): LaporReportBody['channel'] {
  if ((CHANNEL_TYPES as readonly string[]).includes(integrationType)) {
    return LAPOR_CHANNEL[integrationType as ChannelType];
  }
  const wire = ['telegram', 'whatsapp', 'webchat', 'console', 'api'] as const;
  return (wire as readonly string[]).includes(stored) ? (stored as LaporReportBody['channel']) : 'api';
}

interface StoredAttachment {
  mediaId: string;
  filename: string;
  mimeType: string;
}

/** The `attachments` JSON column holds core Attachment objects; anything else is skipped. */
function toAttachments(json: unknown): StoredAttachment[] {
  if (!Array.isArray(json)) return [];
  return json.filter(
    (a): a is StoredAttachment =>
      typeof a === 'object' && a !== null &&
      typeof a.mediaId === 'string' && typeof a.filename === 'string' && typeof a.mimeType === 'string',
  );
}
