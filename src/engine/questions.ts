// Which question comes next, and how each question is put to the citizen (text, quick replies, expects).
import type { Expects, QuickReply, Reply } from '../core/messages.js';
import { CATEGORIES, CLASSIFICATIONS, PRIVACY_CHOICES } from '../core/taxonomy.js';
import type { Flows, OrderedSlot, Question, QuickReplyKey } from './flow-schema.js';
import { profileName, profilePhone } from './slot-parsers.js';
import type { ConversationState, PendingQuestion, ReportDraft } from './state.js';
import { applicableFields, reportText, summaryVars } from './summary.js';
import { say, type TextVars } from './text.js';
import type { EngineContext } from './types.js';

/** Questions whose answers are picked from a list: a typed number picks the nth option. */
const NUMBERED: readonly PendingQuestion[] = [
  'menu', 'classification', 'category', 'privacy', 'summary', 'edit', 'reporter_known',
];
export const isNumbered = (q: PendingQuestion) => NUMBERED.includes(q);

/** Help is offered from this many unusable answers in a row. */
export const HELP_AFTER_ATTEMPTS = 3;

export function questionDef(flows: Flows, q: PendingQuestion): Question {
  if (q === 'status_tracking' || q === 'reply_confirm') return flows.status.questions[q];
  return flows.complaint.questions[q === 'menu' ? 'classification' : q];
}

/** The value a condition ({ privacy: [public] }) looks at. */
function slotValue(draft: ReportDraft, slot: string): unknown {
  const values: Record<string, unknown> = {
    classification: draft.classification,
    category: draft.category,
    privacy: draft.privacy,
  };
  return values[slot];
}

const holds = (condition: Record<string, string[]> | undefined, draft: ReportDraft) =>
  !condition || Object.entries(condition).every(([slot, values]) => values.includes(String(slotValue(draft, slot))));

export function isOptional(flows: Flows, draft: ReportDraft, slot: OrderedSlot): boolean {
  const def = flows.complaint.questions[slot];
  return Boolean(def.optional) || (def.optional_when !== undefined && holds(def.optional_when, draft));
}

function isMissing(flows: Flows, draft: ReportDraft, slot: OrderedSlot): boolean {
  const def = flows.complaint.questions[slot];
  if (!holds(def.ask_when, draft)) return false;
  switch (slot) {
    case 'date_of_incident':
      // null = skipped, which only an optional date may be
      return draft.dateOfIncident === undefined || (draft.dateOfIncident === null && !isOptional(flows, draft, slot));
    case 'attachments':
      return !draft.attachmentsDone && !(draft.fastPath && def.skip_in_fast_path);
    case 'reporter_name':
      return draft.reporterName === undefined;
    case 'reporter_phone':
      return draft.reporterPhone === undefined;
    default:
      return draft[slot] === undefined;
  }
}

/**
 * The next question for the draft: the first missing slot in flow order, else the summary.
 * May record the chat app's name/phone on the draft as the values offered for confirmation.
 */
export function nextQuestion(flows: Flows, draft: ReportDraft, profile: EngineContext['profile']): PendingQuestion {
  const slot = flows.complaint.order.find((s) => isMissing(flows, draft, s));
  if (!slot) return 'summary';
  if (slot !== 'reporter_name' && slot !== 'reporter_phone') return slot;

  const name = profileName(profile.displayName);
  const phone = profilePhone(profile.phone);
  const neitherKnown = draft.reporterName === undefined && draft.reporterPhone === undefined;
  if (neitherKnown && draft.offeredName === undefined && draft.offeredPhone === undefined && name && phone) {
    draft.offeredName = name;
    draft.offeredPhone = phone;
    return 'reporter_known'; // one yes instead of two questions
  }
  if (slot === 'reporter_name') {
    if (draft.offeredName === undefined && name) draft.offeredName = name;
    return 'reporter_name';
  }
  if (draft.offeredPhone === undefined && phone) draft.offeredPhone = phone;
  return 'reporter_phone';
}

/**
 * The chat app's name or phone that question `q` offers for a yes/no, or null when it asks to type
 * it. The one place that decides it: the question's text (ask_known), its Ya/Tidak, what it expects,
 * its re-asks and the answer "ya" all follow this. A blank or invisible value is no value.
 */
export function offeredValue(draft: ReportDraft | null | undefined, q: PendingQuestion): string | null {
  const offered = q === 'reporter_phone' ? draft?.offeredPhone : q === 'reporter_name' || q === 'reporter_known' ? draft?.offeredName : null;
  if (typeof offered !== 'string') return null;
  return q === 'reporter_phone' ? profilePhone(offered) : profileName(offered);
}

function quickReply(flows: Flows, state: ConversationState, key: QuickReplyKey): QuickReply {
  return { title: flows.common.quick_replies[key][state.language], payload: key };
}

/** The options a question offers, with the fixed payloads of contracts/webchat-api.md. */
export function questionOptions(flows: Flows, state: ConversationState, q: PendingQuestion): QuickReply[] {
  const { choices } = flows.common;
  const lang = state.language;
  const draft = state.draft;
  const qr = (key: QuickReplyKey) => quickReply(flows, state, key);
  const yesNo = [qr('yes'), qr('no')];
  switch (q) {
    case 'menu':
    case 'classification': {
      const types = CLASSIFICATIONS.map((c) => ({ title: choices.classification[c].title[lang], payload: c }));
      return q === 'menu' ? [...types, qr('status')] : types;
    }
    case 'category':
      return CATEGORIES.map((c) => ({ title: choices.category[c].title[lang], payload: c }));
    case 'privacy':
      return PRIVACY_CHOICES.map((p) => ({ title: choices.privacy[p].title[lang], payload: p }));
    case 'date_of_incident': {
      const base = (questionDef(flows, q).quick_replies ?? []).map(qr);
      return draft && isOptional(flows, draft, q) ? [...base, qr('skip')] : base;
    }
    case 'attachments':
      return draft?.attachments.length ? [qr('done'), qr('clear')] : [qr('skip')];
    case 'reporter_name':
    case 'reporter_phone':
      return offeredValue(draft, q) ? yesNo : [];
    case 'reporter_known':
      return yesNo;
    case 'summary':
      return [qr('confirm'), qr('edit'), qr('cancel')];
    case 'edit':
      return draft ? applicableFields(draft).map((f) => ({ title: flows.common.fields[f][lang], payload: f })) : [];
    default:
      return (questionDef(flows, q).quick_replies ?? []).map(qr);
  }
}

/** Variables every text of a question may use. */
function questionVars(flows: Flows, state: ConversationState): TextVars {
  const draft = state.draft;
  const lang = state.language;
  const privacy = flows.common.choices.privacy;
  return {
    max: flows.complaint.limits.max_attachments,
    count: draft?.attachments.length ?? 0,
    name: offeredValue(draft, 'reporter_name'),
    phone: offeredValue(draft, 'reporter_phone'),
    title: draft?.title === undefined ? undefined : reportText(draft.title),
    public: privacy.public.explain?.[lang],
    anonymous: privacy.anonymous.explain?.[lang],
    secret: privacy.secret.explain?.[lang],
    trackingId: (state.replyDraft?.to ?? state.replyTo)?.trackingId,
  };
}

/** The text of a question, in the variant the state calls for. */
function askText(flows: Flows, state: ConversationState, q: PendingQuestion): string {
  const draft = state.draft;
  const def = questionDef(flows, q);
  const vars = questionVars(flows, state);
  if (q === 'menu') return say(flows.common.texts.welcome, state.language);
  if (q === 'summary' && draft) return say(def.ask, state.language, summaryVars(flows, state.language, draft));
  let text = def.ask;
  if (q === 'date_of_incident' && draft && isOptional(flows, draft, q) && def.ask_optional) text = def.ask_optional;
  if (q === 'attachments' && draft?.attachments.length && def.ask_more) text = def.ask_more;
  if ((q === 'reporter_name' || q === 'reporter_phone') && offeredValue(draft, q) && def.ask_known) text = def.ask_known;
  return say(text, state.language, vars);
}

/** Adds the help offer (bantuan / batal) after repeated unusable answers. */
function withHelpOffer(flows: Flows, state: ConversationState, message: Reply): Reply {
  if (state.attempts < HELP_AFTER_ATTEMPTS) return message;
  const quickReplies = [...(message.quickReplies ?? [])];
  for (const key of ['help', 'cancel'] as const) {
    if (!quickReplies.some((o) => o.payload === key)) quickReplies.push(quickReply(flows, state, key));
  }
  return { ...message, text: `${message.text}\n\n${say(flows.common.texts.help_offer, state.language)}`, quickReplies };
}

/**
 * What the question expects (webchat-api.md): as declared in the flow, except that asking to confirm
 * a name or phone the chat app gave is a closed yes/no question, a `choice` (typing another still works).
 */
export function questionExpects(flows: Flows, state: ConversationState, q: PendingQuestion): Expects | undefined {
  const expects = questionDef(flows, q).expects;
  if (!expects) return undefined;
  const offered = (q === 'reporter_name' || q === 'reporter_phone') && offeredValue(state.draft, q) !== null;
  return offered ? { slot: expects.slot, type: 'choice' } : { ...expects };
}

function build(flows: Flows, state: ConversationState, q: PendingQuestion, text: string): Reply {
  const message: Reply = { text };
  const options = questionOptions(flows, state, q);
  if (options.length) message.quickReplies = options;
  const expects = questionExpects(flows, state, q);
  if (expects) message.expects = expects;
  return withHelpOffer(flows, state, message);
}

/** The question as first asked (or repeated). */
export function questionReply(flows: Flows, state: ConversationState, q: PendingQuestion): Reply {
  return build(flows, state, q, askText(flows, state, q));
}

/** A specific re-ask after an unusable answer: says what is expected (state.attempts already counts it). */
export function reaskReply(
  flows: Flows,
  state: ConversationState,
  q: PendingQuestion,
  reason: string,
  vars: TextVars = {},
): Reply {
  const allVars = { ...questionVars(flows, state), ...vars };
  const def = questionDef(flows, q);
  // the re-asks of a value on offer ("Balas Ya untuk memakai nama ...") only while it is on offer
  const errors = offeredValue(state.draft, q) ? { ...def.errors, ...def.errors_known } : def.errors;
  const specific = q === 'menu' ? flows.common.texts.menu_reask : errors[reason];
  let text: string;
  if (specific) {
    text = say(specific, state.language, allVars);
  } else if (reason === 'unknown_option' && questionOptions(flows, state, q).length) {
    const options = questionOptions(flows, state, q).map((o) => o.title).join(', ');
    text = say(flows.common.errors.unknown_option, state.language, { options });
  } else {
    text = `${say(flows.common.errors.generic, state.language)} ${askText(flows, state, q)}`;
  }
  return build(flows, state, q, text);
}
