// The shape of the files in flows/: validated with zod when loaded, so a typo in a flow
// fails at start-up with the file and the path, never in the middle of a conversation.
import { z } from 'zod';
import { CATEGORIES, CLASSIFICATIONS, LAPOR_STATUSES, HUB_STATUSES, PRIVACY_CHOICES } from '../core/taxonomy.js';
import type { Slot } from '../core/messages.js';
import { collectingQuestions, questionSlots, questionsOfFlow, type QuestionId } from './questions/index.js';
import { ASK_VARIANTS, type QuestionDefinition } from './questions/definition.js';

/** A text in every language of the hub. */
export const LocalText = z.strictObject({ id: z.string().min(1), en: z.string().min(1) });
export type LocalText = z.infer<typeof LocalText>;

const words = z.array(z.string().min(1)).min(1);

const Choice = z.strictObject({ title: LocalText, explain: LocalText.optional() });

/** A record that must have exactly the given keys (categories, classifications...). */
const exactKeys = <K extends string, V extends z.ZodType>(keys: readonly K[], value: V) =>
  z.record(z.string(), value).superRefine((record, ctx) => {
    const missing = keys.filter((k) => !(k in record));
    const extra = Object.keys(record).filter((k) => !(keys as readonly string[]).includes(k));
    if (missing.length) ctx.addIssue({ code: 'custom', message: `missing keys: ${missing.join(', ')}` });
    if (extra.length) ctx.addIssue({ code: 'custom', message: `unknown keys: ${extra.join(', ')}` });
  }) as unknown as z.ZodType<Record<K, z.infer<V>>>;

export const COMMAND_NAMES = ['cancel', 'help', 'status', 'language', 'start', 'report', 'menu', 'resume'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const QUICK_REPLY_KEYS = [
  'help', 'cancel', 'skip', 'done', 'yes', 'no', 'confirm', 'edit', 'share_location', 'today', 'yesterday',
  'status', 'report', 'clear',
] as const;
export type QuickReplyKey = (typeof QUICK_REPLY_KEYS)[number];

// What comes from the question definitions is read when a flow is validated (z.lazy), never
// while modules load (see questions/index.ts).

/** Slots that are fields of the report (named in the summary): all but the confirmation. */
type FieldSlot = Exclude<Slot, 'confirm'>;
const fieldSlots = () => questionSlots().filter((s): s is FieldSlot => s !== 'confirm');

export const CommonFlow = z.strictObject({
  id: z.literal('common'),
  languages: z.strictObject({
    id: z.strictObject({ name: z.string(), words, switch: words }),
    en: z.strictObject({ name: z.string(), words, switch: words }),
  }),
  commands: exactKeys(COMMAND_NAMES, words),
  payload_words: z.record(z.string(), words),
  quick_replies: exactKeys(QUICK_REPLY_KEYS, LocalText),
  choices: z.strictObject({
    classification: exactKeys(CLASSIFICATIONS, Choice),
    category: exactKeys(CATEGORIES, Choice),
    privacy: exactKeys(PRIVACY_CHOICES, Choice),
  }),
  fields: z.lazy(() => exactKeys(fieldSlots(), LocalText)),
  /** LAPOR! request fields (rejection reasons name them): one of `fields` above, or its own label */
  lapor_fields: z.lazy(() => z.record(z.string(), z.union([z.enum(fieldSlots() as [FieldSlot, ...FieldSlot[]]), LocalText]))),
  month_names: z.strictObject({ id: z.array(z.string()).length(12), en: z.array(z.string()).length(12) }),
  texts: exactKeys(
    [
      'welcome', 'menu_reask', 'help', 'help_offer', 'cancelled', 'nothing_to_cancel', 'report_in_progress',
      'language_choose', 'language_set', 'stale_button', 'attachment_saved', 'attachment_limit', 'location_saved',
      'report_started_from_media', 'status_kept_draft', 'understood', 'no_reply_target',
    ] as const,
    LocalText,
  ),
  unsupported: exactKeys(
    ['sticker', 'voice', 'video', 'edited', 'contact', 'group', 'too_large', 'bad_type', 'other'] as const,
    LocalText,
  ),
  errors: z.strictObject({ unknown_option: LocalText, generic: LocalText }),
});
export type CommonFlow = z.infer<typeof CommonFlow>;

/** Conditions on slots already filled: { privacy: [public, secret] }. */
const Condition = z.record(z.string(), z.array(z.string()).min(1));

/** A question's entry under `questions:` in a flow; which keys it may have comes from its definition. */
export interface QuestionTexts {
  ask: LocalText;
  /** variants of `ask`: when the answer may be skipped, when more media can follow, when the profile knows it */
  ask_optional?: LocalText;
  ask_more?: LocalText;
  ask_known?: LocalText;
  /** a slot collected in `order`: asked only when / optional when these hold, or always optional */
  ask_when?: Record<string, string[]>;
  optional_when?: Record<string, string[]>;
  optional?: boolean;
  skip_in_fast_path?: boolean;
  /** re-asks by reason */
  errors: Record<string, LocalText>;
  /** re-asks used instead of `errors` while a chat app's value is on offer */
  errors_known: Record<string, LocalText>;
}

/** Re-ask texts keyed by the reasons the question's answers may fail with (`unknown_option` always). */
const reasks = (reasons: readonly string[]) => {
  const known = ['unknown_option', ...reasons];
  return z
    .record(z.string(), LocalText)
    .superRefine((record, ctx) => {
      const unknown = Object.keys(record).filter((k) => !known.includes(k));
      if (unknown.length) ctx.addIssue({ code: 'custom', message: `unknown re-ask reasons: ${unknown.join(', ')} (known: ${known.join(', ')})` });
    })
    .default({});
};

/** The shape of one question's texts, from its definition. */
function questionSchema(definition: QuestionDefinition): z.ZodType<QuestionTexts> {
  const texts = definition.texts!;
  const variants = Object.fromEntries(ASK_VARIANTS.filter((v) => texts.variants?.includes(v)).map((v) => [v, LocalText]));
  const policy = definition.collects
    ? { ask_when: Condition.optional(), optional_when: Condition.optional(), optional: z.boolean().optional(), skip_in_fast_path: z.boolean().optional() }
    : {};
  return z.strictObject({
    ask: LocalText,
    ...variants,
    ...policy,
    errors: reasks(texts.reasons),
    errors_known: reasks(texts.reasonsWhenOffered ?? []),
  }) as unknown as z.ZodType<QuestionTexts>;
}

/** `questions:` of a flow: exactly the questions whose definitions put their texts there. */
const questionsSchema = (flow: 'complaint' | 'status') =>
  z.strictObject(Object.fromEntries(questionsOfFlow(flow).map((d) => [d.id, questionSchema(d)]))) as unknown as z.ZodType<
    Record<string, QuestionTexts>
  >;

/** `order`: every question that collects a slot of the report, each once. */
const orderSchema = () => {
  const collected = collectingQuestions().map((d) => d.id) as [QuestionId, ...QuestionId[]];
  return z.array(z.enum(collected)).superRefine((order, ctx) => {
    const missing = collected.filter((s) => !order.includes(s));
    if (missing.length) ctx.addIssue({ code: 'custom', message: `order lacks: ${missing.join(', ')}` });
  });
};

export const ComplaintFlow = z.strictObject({
  id: z.literal('complaint'),
  limits: z.strictObject({
    description_min: z.number().int().positive(),
    description_max: z.number().int().positive(),
    title_min: z.number().int().positive(),
    title_max: z.number().int().positive(),
    location_min_letters: z.number().int().positive(),
    max_attachments: z.number().int().positive(),
  }),
  order: z.lazy(orderSchema),
  questions: z.lazy(() => questionsSchema('complaint')),
  summary: z.strictObject({
    none: LocalText,
    skipped_date: LocalText,
    no_attachments: LocalText,
    attachments: LocalText,
    coordinates: LocalText,
    /** shown when a NIK or a phone number was masked in the title or story */
    masked: LocalText,
    /** shown on an anonymous report: names in the story cannot be masked automatically */
    anonymous_reminder: LocalText,
  }),
});
export type ComplaintFlow = z.infer<typeof ComplaintFlow>;

export const StatusFlow = z.strictObject({
  id: z.literal('status'),
  questions: z.lazy(() => questionsSchema('status')),
  /** whole messages that only thank or acknowledge ("makasih min", "oke siap"): never posted as a reply */
  acknowledgements: z.strictObject({ words, fillers: words }),
  texts: exactKeys(['status_cancelled', 'reply_thanks', 'reply_not_sent', 'reply_attachment_only'] as const, LocalText),
});
export type StatusFlow = z.infer<typeof StatusFlow>;

export const NOTIFICATION_KEYS = [
  'complaint_received', 'complaint_filed', 'status_TERVERIFIKASI', 'status_TERDISPOSISI', 'status_DITINDAKLANJUTI',
  'status_DITUNDA', 'status_SELESAI', 'status_BUKAN_WEWENANG', 'status_DIARSIPKAN', 'agency_response',
  'citizen_reply_sent', 'complaint_rejected', 'complaint_failed', 'status_answer', 'status_not_found', 'officer_reply',
  'complaint_escalated',
] as const;
export type NotificationKey = (typeof NOTIFICATION_KEYS)[number];

const Notification = LocalText.extend({ quick_replies: z.array(z.enum(QUICK_REPLY_KEYS)).optional() });

export const NotificationsFlow = z.strictObject({
  id: z.literal('notifications'),
  status_labels: exactKeys([...LAPOR_STATUSES, ...HUB_STATUSES], LocalText),
  // more keys may be added; the required ones must exist
  notifications: z.record(z.string(), Notification).superRefine((record, ctx) => {
    const missing = NOTIFICATION_KEYS.filter((k) => !(k in record));
    if (missing.length) ctx.addIssue({ code: 'custom', message: `missing notifications: ${missing.join(', ')}` });
  }),
});
export type NotificationsFlow = z.infer<typeof NotificationsFlow>;

/** Everything loaded from flows/. */
export interface Flows {
  common: CommonFlow;
  complaint: ComplaintFlow;
  status: StatusFlow;
  notifications: NotificationsFlow;
}

export const FLOW_SCHEMAS = {
  common: CommonFlow,
  complaint: ComplaintFlow,
  status: StatusFlow,
  notifications: NotificationsFlow,
} as const;
