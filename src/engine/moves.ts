// The small moves a step is made of: ask, re-ask, start a report, go idle, submit.
import { renderNotification } from './notifications.js';
import { nextQuestion, questionReply, reaskReply } from './asking.js';
import { newDraft, type PendingQuestion, type ReportDraft } from './state.js';
import { toConfirmedReport } from './summary.js';
import type { TextVars } from './text.js';
import { reply, t, type Turn } from './turn.js';

/** Questions that are not about the report being written: not counted as questions it took. */
const ASIDE: readonly PendingQuestion[] = ['menu', 'status_tracking', 'reply_confirm'];

/** A question (or re-ask) put for the report in progress counts towards the questions it took. */
function countQuestion(turn: Turn, q: PendingQuestion): void {
  const draft = turn.state.draft;
  if (draft && !ASIDE.includes(q)) draft.questions = (draft.questions ?? 0) + 1;
}

/** Puts a question and waits for its answer. */
export function ask(turn: Turn, q: PendingQuestion): void {
  if (q !== 'reply_confirm') delete turn.state.replyDraft; // moved on: the possible answer is dropped
  turn.state.pending = q;
  turn.state.attempts = 0;
  countQuestion(turn, q);
  reply(turn, questionReply(turn.flows, turn.state, q));
}

/** The report's next missing field, or the summary. */
export function askNext(turn: Turn): void {
  ask(turn, nextQuestion(turn.flows, requireDraft(turn), turn.ctx.profile));
}

/** An unusable answer: a specific re-ask of the same question (help is offered at the third). */
export function reask(turn: Turn, reason: string, vars?: TextVars): void {
  const q = turn.state.pending;
  if (!q) return showWelcome(turn);
  turn.state.attempts += 1;
  countQuestion(turn, q);
  reply(turn, reaskReply(turn.flows, turn.state, q, reason, vars));
}

/** Repeats what the bot is waiting for, if anything (after an aside: help, a saved photo...). */
export function repeatPending(turn: Turn): void {
  const q = turn.state.pending;
  if (q) reply(turn, questionReply(turn.flows, turn.state, q));
}

export function showWelcome(turn: Turn): void {
  ask(turn, 'menu');
}

export function requireDraft(turn: Turn): ReportDraft {
  if (!turn.state.draft) throw new Error('engine: no report in progress');
  return turn.state.draft;
}

/** A new report: counted once (`report_started`); a pending reply to an agency is dropped. */
export function startReport(turn: Turn): ReportDraft {
  const draft = newDraft();
  turn.state.draft = draft;
  turn.state.replyTo = null;
  delete turn.state.replyDraft;
  turn.state.resumeTo = null;
  turn.effects.push({ type: 'report_started' });
  return draft;
}

/** Nothing in progress. The language and `replyTo` (the agency response to answer) stay. */
export function toIdle(turn: Turn): void {
  Object.assign(turn.state, { pending: null, attempts: 0, draft: null, resumeTo: null, choosingLanguage: false });
  delete turn.state.replyDraft;
}

/** The citizen confirmed: the complaint goes out as an effect, the conversation goes idle. */
export function submit(turn: Turn): void {
  const draft = requireDraft(turn);
  const report = toConfirmedReport(draft, turn.state.language);
  turn.effects.push({ type: 'submit_complaint', report, questions: draft.questions ?? 0 });
  reply(turn, renderNotification(turn.flows, turn.state.language, 'complaint_received'));
  toIdle(turn);
}

/** Back to the report a status check interrupted, if any. Returns whether there was one. */
export function resumeReport(turn: Turn): boolean {
  const { state } = turn;
  if (!state.draft) return false;
  if (state.resumeTo) {
    state.pending = state.resumeTo;
    state.resumeTo = null;
  }
  if (state.pending && state.pending !== 'status_tracking') repeatPending(turn);
  else askNext(turn);
  return true;
}

/** Asks the hub for a report's status; a report being written stays where it was. */
export function lookupStatus(turn: Turn, trackingId: string): void {
  const { state } = turn;
  turn.effects.push({ type: 'status_lookup', trackingId });
  if (state.pending === 'status_tracking') {
    state.pending = state.resumeTo;
    state.resumeTo = null;
    state.attempts = 0;
  }
  if (state.draft) reply(turn, { text: t(turn, turn.flows.common.texts.status_kept_draft) });
}
