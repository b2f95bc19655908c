// Answers to the pending question: a chosen option, or typed text run through the slot's parser.
// Each handler either uses the answer (and moves on) or returns why it cannot, for a specific re-ask.
import type { QuickReply } from '../core/messages.js';
import type { NlpResult } from '../core/nlp.js';
import { parseDate } from '../core/dates.js';
import {
  CATEGORIES, CLASSIFICATIONS, PRIVACY_CHOICES, REPORT_INTENTS, type Category, type Classification, type Privacy,
} from '../core/taxonomy.js';
import { runCommand } from './actions.js';
import { mentionsReport } from './commands.js';
import { ask, askNext, lookupStatus, requireDraft, resumeReport, showWelcome, startReport, submit } from './moves.js';
import { openWithText, startReportFromMedia, startReportFromText } from './opening.js';
import { prefillFromText, setDescription } from './prefill.js';
import {
  parseDateAnswer, parseDescription, parseLocationText, parseName, parsePhone, parseTitle, parseTrackingId,
} from './slot-parsers.js';
import { offeredValue } from './questions.js';
import { offerReply, sendReply } from './reply.js';
import type { PendingQuestion } from './state.js';
import { codePoints, type TextVars } from './text.js';
import { reply, t, type Turn } from './turn.js';

/** What came in for the question: the option it chose, or else the typed text. */
export interface Incoming {
  option: QuickReply | null;
  text: string | null;
  nlp?: NlpResult;
}

export type Failure = { reason: string; vars?: TextVars } | null;

const UNKNOWN: Failure = { reason: 'unknown_option' };

const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

/** Uses the answer, or returns why it cannot be used. */
export function handleAnswer(turn: Turn, q: PendingQuestion, incoming: Incoming): Failure {
  const { flows, ctx } = turn;
  const limits = flows.complaint.limits;
  const payload = incoming.option?.payload;
  const text = incoming.option ? null : incoming.text;

  switch (q) {
    case 'menu':
    case 'classification': {
      if (payload === 'status') {
        runCommand(turn, { name: 'status' }); // "Cek status" on the welcome menu
        return null;
      }
      if (!isOneOf<Classification>(CLASSIFICATIONS, payload)) return UNKNOWN;
      const draft = turn.state.draft ?? startReport(turn);
      draft.classification = payload;
      askNext(turn);
      return null;
    }
    case 'description': {
      if (text === null) return { reason: 'not_text' };
      const parsed = parseDescription(text, limits);
      if (!parsed.ok) return parsed;
      const draft = requireDraft(turn);
      setDescription(flows, draft, parsed.value);
      // the story may already say where and when: fill only what is still empty
      prefillFromText(flows, draft, text, incoming.nlp, ctx.now, { withClassification: false, withDescription: false });
      askNext(turn);
      return null;
    }
    case 'category':
      if (!isOneOf<Category>(CATEGORIES, payload)) return UNKNOWN;
      requireDraft(turn).category = payload;
      askNext(turn);
      return null;
    case 'location': {
      if (payload === 'share_location') return { reason: 'share_location' };
      if (text === null) return UNKNOWN;
      const parsed = parseLocationText(text, incoming.nlp, limits);
      if (!parsed.ok) return parsed;
      requireDraft(turn).location = parsed.value;
      askNext(turn);
      return null;
    }
    case 'date_of_incident': {
      const draft = requireDraft(turn);
      if (payload === 'skip') {
        draft.dateOfIncident = null;
      } else if (payload) {
        const date = parseDate(payload, ctx.now); // "today" / "yesterday"
        if (!date) return UNKNOWN;
        draft.dateOfIncident = date.value;
      } else {
        const parsed = parseDateAnswer(text ?? '', incoming.nlp, ctx.now);
        if (!parsed.ok) return parsed;
        draft.dateOfIncident = parsed.value;
      }
      askNext(turn);
      return null;
    }
    case 'attachments': {
      const draft = requireDraft(turn);
      if (payload === 'clear') {
        draft.attachments = [];
        ask(turn, 'attachments');
        return null;
      }
      if (payload !== 'skip' && payload !== 'done') return { reason: 'none' };
      draft.attachmentsDone = true;
      askNext(turn);
      return null;
    }
    case 'privacy': {
      if (!isOneOf<Privacy>(PRIVACY_CHOICES, payload)) return UNKNOWN;
      const draft = requireDraft(turn);
      draft.privacy = payload;
      if (payload === 'anonymous') {
        // an anonymous report keeps no identity, not even in the draft
        delete draft.reporterName;
        delete draft.reporterPhone;
      }
      askNext(turn);
      return null;
    }
    case 'reporter_known':
    case 'reporter_name': {
      const draft = requireDraft(turn);
      if (payload === 'yes') {
        draft.reporterName = offeredValue(draft, 'reporter_name') ?? undefined;
        if (q === 'reporter_known') draft.reporterPhone = offeredValue(draft, 'reporter_phone') ?? undefined;
      } else if (payload === 'no') {
        draft.offeredName = null;
        ask(turn, 'reporter_name');
        return null;
      } else {
        const parsed = parseName(text ?? '');
        if (!parsed.ok) return offeredValue(draft, q) ? UNKNOWN : parsed;
        draft.reporterName = parsed.value;
      }
      askNext(turn);
      return null;
    }
    case 'reporter_phone': {
      const draft = requireDraft(turn);
      if (payload === 'yes') {
        draft.reporterPhone = offeredValue(draft, 'reporter_phone') ?? undefined;
      } else if (payload === 'no') {
        draft.offeredPhone = null;
        ask(turn, 'reporter_phone');
        return null;
      } else {
        const parsed = parsePhone(text ?? '');
        if (!parsed.ok) return parsed;
        draft.reporterPhone = parsed.value;
      }
      askNext(turn);
      return null;
    }
    case 'title': {
      if (text === null) return { reason: 'too_short' };
      const parsed = parseTitle(text, limits);
      if (!parsed.ok) return parsed;
      const draft = requireDraft(turn);
      draft.title = parsed.value;
      draft.titleEdited = true;
      askNext(turn);
      return null;
    }
    case 'summary':
      if (payload === 'confirm') submit(turn);
      else if (payload === 'edit') ask(turn, 'edit');
      else if (payload === 'cancel') runCommand(turn, { name: 'cancel' });
      else return UNKNOWN;
      return null;
    case 'edit':
      if (!payload) return UNKNOWN;
      return startEdit(turn, payload);
    case 'status_tracking': {
      if (payload === 'report') {
        runCommand(turn, { name: 'report' }); // a report being written is resumed, never dropped
        return null;
      }
      if (payload === 'cancel') {
        leaveStatusQuestion(turn);
        return null;
      }
      if (text === null) return UNKNOWN;
      const parsed = parseTrackingId(text);
      if (parsed.ok) {
        lookupStatus(turn, parsed.value);
        return null;
      }
      if (tellsAProblem(turn, text, incoming.nlp)) {
        reportInsteadOfStatus(turn, text, incoming.nlp);
        return null;
      }
      return parsed;
    }
    case 'reply_confirm': {
      if (payload === 'yes') {
        sendReply(turn);
        return null;
      }
      if (payload === 'no') {
        declineReply(turn);
        return null;
      }
      if (text === null) return UNKNOWN;
      // another bubble of the same message ("Pak jalannya" / "masih rusak"): added to it, asked again
      offerReply(turn, { message: text });
      return null;
    }
  }
}

/** A long text about a problem (NLP reads it as a report, or it speaks of reporting), not a number. */
function tellsAProblem(turn: Turn, text: string, nlp: Incoming['nlp']): boolean {
  const reportIntent = nlp !== undefined && REPORT_INTENTS[nlp.intent] !== undefined;
  return (reportIntent || mentionsReport(text)) && codePoints(text) >= turn.flows.complaint.limits.description_min;
}

/** "Batal" at the tracking-number question: a report being written is kept and resumed. */
function leaveStatusQuestion(turn: Turn): void {
  const { state, flows } = turn;
  if (!state.draft) return runCommand(turn, { name: 'cancel' });
  reply(turn, { text: t(turn, flows.status.texts.status_cancelled) });
  resumeReport(turn);
}

/**
 * A story typed at the tracking-number question: it starts a report pre-filled with it, or, when a
 * report is being written, fills what that report still lacks (never overwriting an answer).
 */
function reportInsteadOfStatus(turn: Turn, text: string, nlp: Incoming['nlp']): void {
  const { state } = turn;
  state.pending = state.resumeTo;
  state.resumeTo = null;
  state.attempts = 0;
  if (startReportFromText(turn, text, nlp)) return;
  if (state.draft) resumeReport(turn);
  else showWelcome(turn);
}

/** "No, it is not an answer to the agency": the message is read as a new one (a story starts a report). */
function declineReply(turn: Turn): void {
  const { state, flows } = turn;
  const held = state.replyDraft;
  delete state.replyDraft;
  state.pending = null;
  state.attempts = 0;
  reply(turn, { text: t(turn, flows.status.texts.reply_not_sent) });
  if (held?.attachments.length) return startReportFromMedia(turn, held.attachments, held.message);
  if (held?.message) return openWithText(turn, held.message, held.nlp);
  showWelcome(turn);
}

/** Re-asks one field; answering it comes back to the summary (or to what the change made missing). */
function startEdit(turn: Turn, field: string): Failure {
  const draft = requireDraft(turn);
  switch (field) {
    case 'reporter_name':
      draft.offeredName = null; // they want to change it: ask to type it
      break;
    case 'reporter_phone':
      draft.offeredPhone = null;
      break;
    case 'attachments':
      draft.attachmentsDone = false;
      break;
    case 'classification': case 'title': case 'description': case 'category': case 'location':
    case 'date_of_incident': case 'privacy':
      break;
    default:
      return UNKNOWN;
  }
  ask(turn, field as PendingQuestion);
  return null;
}
