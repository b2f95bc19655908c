// The shapes of the admin API's answers, for the OpenAPI document. The tests check every
// successful answer they get against its route's shape (test/admin/support.ts), so a field
// added to a view and not here fails them.
import { z } from 'zod';

const at = z.iso.datetime();
const maybe = <T extends z.ZodType>(schema: T) => schema.nullable();

export const complaintResponse = z.object({
  id: z.string(),
  agencyId: z.string(),
  integrationId: z.string(),
  channel: z.string(),
  language: z.string(),
  classification: z.string(),
  title: z.string(),
  content: z.string(),
  category: z.string(),
  dateOfIncident: maybe(z.string()),
  location: z.object({
    code: maybe(z.string()), name: maybe(z.string()), address: maybe(z.string()), latitude: maybe(z.number()), longitude: maybe(z.number()),
  }).strict(),
  isAnonymous: z.boolean(),
  isSecret: z.boolean(),
  citizen: z.string().describe('the report\'s pseudonym, Warga-XXXXX (one per report: it does not link a citizen\'s reports)'),
  reporter: maybe(z.object({ name: maybe(z.string()), phone: maybe(z.string()) }).strict()).describe('null for an anonymous report'),
  attachments: z.array(z.unknown()),
  status: z.string(),
  trackingId: maybe(z.string()),
  laporUrl: maybe(z.string()),
  institution: maybe(z.string()),
  rejection: z.unknown(),
  claim: maybe(z.object({ by: z.string(), name: maybe(z.string()), at: maybe(at) }).strict()),
  confirmedAt: at,
  filedAt: maybe(at),
  verifiedAt: maybe(at),
  firstResponseAt: maybe(at),
  closedAt: maybe(at),
  escalatedAt: maybe(at).describe('when it was escalated for missing its follow-up target'),
  updatedAt: at,
}).strict();

const sla = z.object({
  due: z.object({
    verification: maybe(at).describe('end of the 3rd working day after the filing'),
    followUp: maybe(at).describe('end of the 5th working day after the verification (after the filing while unverified)'),
    closing: maybe(at).describe('end of the 10th working day after the agency\'s first response'),
  }).strict().describe('deadlines (exclusive), in working days of Asia/Jakarta; null where the clock has not started'),
  overdue: z.boolean().describe('open, unanswered and past its follow-up deadline'),
}).strict();

const event = z.object({ id: z.string(), type: z.string(), status: maybe(z.string()), at, data: z.unknown() }).strict();

const message = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  text: maybe(z.string()),
  payload: z.string().optional(),
  location: z.object({ latitude: z.number(), longitude: z.number(), address: maybe(z.string()) }).strict().optional(),
  attachment: z.object({ mediaId: z.string(), filename: z.string(), mimeType: z.string(), size: z.number() }).strict().optional(),
  caption: maybe(z.string()).optional(),
  unsupported: z.string().optional(),
  quickReplies: z.array(z.string()).optional(),
  createdAt: at,
}).strict();

const delivery = z.object({
  messageId: z.string(), createdAt: at, deliveredAt: maybe(at), deliveryStatus: maybe(z.string()), deliveryStatusAt: maybe(at), deliveryError: maybe(z.string()),
}).strict();

export const complaintDetailResponse = complaintResponse.extend({
  sla,
  events: z.array(event),
  conversation: z.array(message),
  deliveries: z.array(delivery),
}).strict();

export const complaintPageResponse = z.object({ complaints: z.array(complaintResponse), nextCursor: maybe(z.string()) }).strict();

export const countsResponse = z.object({
  total: z.number().int(), open: z.number().int(), overdue: z.number().int(), unclaimed: z.number().int(), byStatus: z.record(z.string(), z.number().int()),
}).strict();

export const replyResponse = z.object({ eventId: z.string(), complaintId: z.string() }).strict();
export const claimResponse = z.object({ complaint: complaintResponse, previous: maybe(z.string()) }).strict();

export const undeliveredResponse = z.object({
  messages: z.array(z.object({
    id: z.string(), integrationId: z.string(), complaintId: maybe(z.string()), text: maybe(z.string()),
    deliveryError: maybe(z.string()), deliveryStatus: maybe(z.string()), createdAt: at,
  }).strict()),
}).strict();

export const deadLettersResponse = z.object({
  deadLetters: z.array(z.object({
    id: z.string(), kind: z.string(), payload: z.record(z.string(), z.unknown()).describe('its ids only'), attempts: z.number().int(), lastError: maybe(z.string()), updatedAt: at,
  }).strict()),
}).strict();
export const retryResponse = z.object({ id: z.string(), status: z.literal('pending') }).strict();

export const officerResponse = z.object({
  id: z.string(), agencyId: z.string(), name: z.string(), role: z.enum(['officer', 'admin']), telegramId: maybe(z.string()),
  hasApiKey: z.boolean(), bootstrap: z.boolean().describe('the ADMIN_API_KEY officer'), createdAt: at,
}).strict();
export const officersResponse = z.object({ officers: z.array(officerResponse) }).strict();
export const officerWithKeyResponse = z.object({
  officer: officerResponse,
  apiKey: z.string().optional().describe('the new key, shown this once'),
}).strict();

export const agencyResponse = z.object({ id: z.string(), name: z.string(), connectorType: z.string(), createdAt: at }).strict();
export const agencyCreatedResponse = z.object({ agency: agencyResponse, admin: officerResponse, apiKey: z.string().describe('the admin\'s key, shown this once') }).strict();

export const meResponse = z.object({
  officerId: maybe(z.string()), name: z.string(), role: z.enum(['officer', 'admin']), agencyId: z.string(), agencyName: z.string(),
  operator: z.boolean().describe('the ADMIN_API_KEY operator (may create agencies)'),
}).strict();

export const integrationResponse = z.object({
  id: z.string(), agencyId: z.string(), type: z.string(), name: z.string(), connector: z.enum(['agency', 'manual']),
  status: z.string(), statusReason: maybe(z.string()), source: z.string(),
  settings: z.record(z.string(), z.unknown()).describe('the settings that are not secrets'),
  secretsSet: z.array(z.string()).describe('which secret settings are set (never their values)'),
  connectedSince: at, lastSeenAt: maybe(at), createdAt: at,
}).strict();
export const integrationsResponse = z.object({ integrations: z.array(integrationResponse) }).strict();

export const auditPageResponse = z.object({
  entries: z.array(z.object({
    id: z.string(), at, officerId: maybe(z.string()), actor: z.string(), action: z.string(), target: maybe(z.string()), detail: z.unknown(), source: z.string(),
  }).strict()),
  nextCursor: maybe(z.string()),
}).strict();
