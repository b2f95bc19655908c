// The engine: one pure step (state, input, ctx) → { state, replies, effects }.
// No I/O, no clock (ctx.now), no randomness: a conversation replays exactly in a test.
import type { Attachment, GeoPoint, Reply } from '../core/messages.js';
import type { NlpResult } from '../core/nlp.js';
import { CLASSIFICATIONS } from '../core/taxonomy.js';
import { switchLanguage, runCommand } from './actions.js';
import { handleAnswer, type Incoming } from './answers.js';
import { commandFromIntent, detectCommand, languageNamed } from './commands.js';
import type { Flows } from './flow-schema.js';
import { askNext, reask, repeatPending, showWelcome, startReport } from './moves.js';
import { onMediaWithoutReport, onOpeningText } from './opening.js';
import { chooseOption, type Answer } from './options.js';
import { isNumbered, questionOptions, questionReply } from './questions.js';
import { restoreState, type ConversationState, type PendingQuestion } from './state.js';
import { reply, t, type Turn } from './turn.js';
import type { EngineContext, EngineInput, StepResult } from './types.js';

/** Questions where a free text may be the start of a report (the conversation's first free text). */
const OPENING: readonly (PendingQuestion | null)[] = [null, 'menu', 'classification'];

export function step(
  flows: Flows,
  stored: ConversationState | null,
  input: EngineInput,
  ctx: EngineContext,
): StepResult<ConversationState> {
  const turn: Turn = { flows, ctx, state: restoreState(stored, ctx.language), replies: [], effects: [] };
  switch (input.kind) {
    case 'text':
      onText(turn, input.text, input.nlp);
      break;
    case 'payload':
      onPayload(turn, input.payload);
      break;
    case 'location':
      onLocation(turn, input.location, input.address);
      break;
    case 'attachment':
      onAttachment(turn, input.attachment, input.caption);
      break;
    case 'unsupported':
      onUnsupported(turn, input.what);
      break;
    case 'agency_response':
      // silent: the hub sends the response itself; the citizen's next free text may answer it
      turn.state.replyTo = { complaintId: input.complaintId, trackingId: input.trackingId };
      break;
  }
  return { state: turn.state, replies: turn.replies, effects: turn.effects };
}

/** What the bot is waiting for, to repeat when a conversation resumes; null when idle. */
export function pendingQuestion(flows: Flows, state: ConversationState | null): Reply | null {
  if (!state?.pending) return null;
  return questionReply(flows, restoreState(state), state.pending);
}

/** The option of the pending question this answer picks, if any. */
function offeredOption(turn: Turn, answer: Answer) {
  const q = turn.state.pending;
  if (!q) return null;
  return chooseOption(turn.flows, answer, questionOptions(turn.flows, turn.state, q), { numbered: isNumbered(q) });
}

function onText(turn: Turn, rawText: string, nlp: NlpResult | undefined): void {
  const { state, flows } = turn;
  const text = rawText.trim();
  // a command ("cek status", "lapor") is too short to tell the language: the next text settles it
  if (!state.languageSettled && nlp && !detectCommand(flows, text)) {
    state.language = nlp.language;
    state.languageSettled = true;
  }
  if (state.choosingLanguage) {
    state.choosingLanguage = false;
    const to = languageNamed(flows, text);
    if (to) return switchLanguage(turn, to);
  }
  const q = state.pending;
  // 1. a quick reply typed out ("ya", "2", "Publik")
  const option = offeredOption(turn, { kind: 'text', text });
  if (q && option) return answer(turn, q, { option, text, nlp });
  // 2. a command as a whole message ("batal", "/status 4829301")
  const command = detectCommand(flows, text);
  if (command) return runCommand(turn, command);
  // 3. an answer to the question; what does not fit may still be a recognised intent
  if (!OPENING.includes(q) && q) {
    const failure = handleAnswer(turn, q, { option: null, text, nlp });
    if (!failure) return;
    const intent = commandFromIntent(nlp, text);
    if (intent) return runCommand(turn, intent);
    return reask(turn, failure.reason, failure.vars);
  }
  // 4. idle, or at the menu / classification question
  onOpeningText(turn, text, nlp);
}

function answer(turn: Turn, q: PendingQuestion, incoming: Incoming): void {
  const failure = handleAnswer(turn, q, incoming);
  if (failure) reask(turn, failure.reason, failure.vars);
}

function onPayload(turn: Turn, payload: string): void {
  const { state, flows } = turn;
  if (state.choosingLanguage) {
    state.choosingLanguage = false;
    const chosen = /^lang:(id|en)$/.exec(payload);
    if (chosen) return switchLanguage(turn, chosen[1] as 'id' | 'en');
  }
  // idle, a report type tapped (a client's own buttons, an old welcome menu) starts a report
  const q = state.pending ?? (state.draft ? null : 'menu');
  const option = q && chooseOption(flows, { kind: 'payload', payload }, questionOptions(flows, state, q));
  if (q && option) return answer(turn, q, { option, text: null });
  // a report type's payload (PENGADUAN) is an option, never the "pengaduan" command
  const command = (CLASSIFICATIONS as readonly string[]).includes(payload) ? null : detectCommand(flows, payload);
  if (command) return runCommand(turn, command);
  if (state.pending) return reask(turn, 'unknown_option');
  // a button from an old message (e.g. the summary of a report already sent)
  reply(turn, { text: t(turn, flows.common.texts.stale_button) });
  showWelcome(turn);
}

function onLocation(turn: Turn, location: GeoPoint, address: string | undefined): void {
  const { state, flows } = turn;
  const place = { latitude: location.latitude, longitude: location.longitude, ...(address ? { address } : {}) };
  if (state.pending === 'location' && state.draft) {
    state.draft.location = place;
    return askNext(turn);
  }
  // a location shared at any other moment is kept for the report (a new one when idle)
  const existing = state.draft;
  const draft = existing ?? startReport(turn);
  draft.location = place;
  reply(turn, { text: t(turn, flows.common.texts.location_saved) });
  if (existing && state.pending) return repeatPending(turn);
  askNext(turn);
}

function onAttachment(turn: Turn, attachment: Attachment, caption: string | undefined): void {
  const { state, flows } = turn;
  const texts = flows.common.texts;
  const max = flows.complaint.limits.max_attachments;
  // no report yet: an answer to the agency (asked first), or the evidence of a new report
  if (!state.draft) return onMediaWithoutReport(turn, attachment, caption);
  const draft = state.draft;
  if (draft.attachments.length >= max) {
    reply(turn, { text: t(turn, texts.attachment_limit, { max }) });
    return repeatPending(turn);
  }
  draft.attachments.push(attachment);
  if (state.pending === 'attachments') return repeatPending(turn); // "you've added 2, more or done?"
  reply(turn, { text: t(turn, texts.attachment_saved, { count: draft.attachments.length }) });
  if (state.pending === 'description' && caption) return onText(turn, caption, undefined);
  repeatPending(turn);
}

function onUnsupported(turn: Turn, what: string): void {
  const unsupported = turn.flows.common.unsupported as Record<string, { id: string; en: string }>;
  reply(turn, { text: t(turn, unsupported[what] ?? turn.flows.common.unsupported.other) });
  if (what !== 'group') repeatPending(turn); // in a group nothing continues: the citizen moves to a private chat
}
