// Free text and media while no question about a report is pending: an answer to an agency,
// a greeting, an intent (status, help), or the start of a report with what the text already says.
import type { Attachment } from '../core/messages.js';
import type { NlpResult } from '../core/nlp.js';
import { runCommand } from './actions.js';
import { commandFromIntent } from './commands.js';
import { askNext, reask, repeatPending, showWelcome, startReport } from './moves.js';
import { prefillFromText } from './prefill.js';
import { nextQuestion, reaskReply } from './asking.js';
import { isAcknowledgement, offerReply, startsNewReport, thankForReply } from './reply.js';
import { newDraft } from './state.js';
import { fieldLines, SUMMARY_FIELDS, type SummaryField } from './summary.js';
import { codePoints } from './text.js';
import { reply, t, type Turn } from './turn.js';

/** Whether a free text now may be an answer to the agency (idle, or at the welcome menu). */
export const mayBeReply = (turn: Turn): boolean =>
  !turn.state.draft && turn.state.replyTo !== null && (turn.state.pending === null || turn.state.pending === 'menu');

/**
 * The first free text of a conversation (or one at the welcome menu). After an agency's response:
 * thanks get a polite answer, a clear new story starts a report, anything else is asked about.
 */
export function onOpeningText(turn: Turn, text: string, nlp: NlpResult | undefined): void {
  const { flows } = turn;
  if (mayBeReply(turn)) {
    if (isAcknowledgement(flows, text)) return thankForReply(turn);
    const greeting = nlp?.intent === 'sapaan' && codePoints(text) < flows.complaint.limits.description_min;
    if (greeting) return showWelcome(turn);
    if (!startsNewReport(text, nlp)) return offerReply(turn, { message: text, ...(nlp ? { nlp } : {}) });
  }
  openWithText(turn, text, nlp);
}

/**
 * A free text read for what it is: an intent (status, help, cancel), a greeting, or a story.
 * NLP pre-fills what the text says; the flow then asks only what is missing.
 */
export function openWithText(turn: Turn, text: string, nlp: NlpResult | undefined): void {
  const { state, flows } = turn;
  const intent = commandFromIntent(nlp, text);
  if (intent) return runCommand(turn, intent);
  const shortText = codePoints(text) < flows.complaint.limits.description_min;
  if (nlp?.intent === 'sapaan' && shortText) {
    if (state.draft) return repeatPending(turn);
    return showWelcome(turn);
  }
  if (!startReportFromText(turn, text, nlp)) {
    if (state.pending) return reask(turn, 'unknown_option');
    showWelcome(turn);
  }
}

/**
 * Pre-fills the report (a new one, or the one being written) from a free text and asks what is
 * missing. A new report starts only when the text says something usable: its story or its type
 * ("kemarin" alone starts nothing). Returns whether it did.
 */
export function startReportFromText(turn: Turn, text: string, nlp: NlpResult | undefined): boolean {
  const { state, flows, ctx } = turn;
  // try the pre-fill on a scratch draft first
  const draft = state.draft ?? newDraft();
  const filled = prefillFromText(flows, draft, text, nlp, ctx.now);
  const enough = state.draft ? filled.length > 0 : filled.includes('description') || filled.includes('classification');
  if (!enough) return false;
  if (!state.draft) Object.assign(startReport(turn), draft);
  const current = state.draft!;
  if (filled.includes('description')) current.fastPath = true; // the story is told: no optional questions
  // show what was understood besides the citizen's own story
  const understood = filled.filter((f): f is SummaryField => f !== 'description' && (SUMMARY_FIELDS as readonly string[]).includes(f));
  if (understood.length) {
    reply(turn, { text: `${t(turn, flows.common.texts.understood)}\n${fieldLines(flows, state.language, current, understood)}` });
  }
  const next = nextQuestion(flows, current, ctx.profile);
  if (next === 'classification' && !understood.length) {
    // only the story was given: thank for it while asking its type
    state.pending = next;
    state.attempts = 0;
    reply(turn, reaskReply(flows, state, next, 'description_noted'));
    return true;
  }
  askNext(turn);
  return true;
}

/** Evidence first, story later: a new report starts with the media (its caption may be the story). */
export function startReportFromMedia(turn: Turn, attachments: Attachment[], caption: string | null | undefined): void {
  const { flows, ctx } = turn;
  const draft = startReport(turn);
  draft.attachments.push(...attachments);
  reply(turn, { text: t(turn, flows.common.texts.report_started_from_media) });
  if (caption && prefillFromText(flows, draft, caption, undefined, ctx.now).includes('description')) draft.fastPath = true;
  askNext(turn);
}

/** A photo or document while no report is being written: maybe an answer to the agency, else a new report. */
export function onMediaWithoutReport(turn: Turn, attachment: Attachment, caption: string | undefined): void {
  if (turn.state.pending === 'reply_confirm' || mayBeReply(turn)) {
    return offerReply(turn, { message: caption ?? null, attachment });
  }
  startReportFromMedia(turn, [attachment], caption);
}
