// The engine: one pure step (state, input, ctx) → { state, replies, effects }.
// No I/O, no clock (ctx.now), no randomness: a conversation replays exactly in a test.
import type { Attachment, GeoPoint, QuickReply, Reply } from '../core/messages.js';
import type { NlpResult } from '../core/nlp.js';
import { CLASSIFICATIONS, type Language } from '../core/taxonomy.js';
import { languageOptions, switchLanguage, runCommand } from './actions.js';
import { commandFromIntent, detectCommand, languageNamed } from './commands.js';
import type { Flows } from './flow-schema.js';
import { askNext, reask, repeatPending, showWelcome, startReport } from './moves.js';
import { onMediaWithoutReport, onOpeningText } from './opening.js';
import { offeredReplies, questionOptions, questionReply } from './asking.js';
import { chooseOption, closeOption, optionNumbered } from './options.js';
import { questionDefinition, type QuestionId } from './questions/index.js';
import type { Incoming } from './questions/definition.js';
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

/**
 * The quick reply a typed text picks at question `q`, among those its message carried (help and
 * cancel included once offered): its title or words, and its number where the question reads a
 * typed number as an option. `fallback`: what to try once the text is no answer of its own,
 * a close match of an option's words, and the number where the answer's parser comes first.
 */
function typedOption(turn: Turn, q: QuestionId, text: string, pass: 'first' | 'fallback'): QuickReply | null {
  const offered = offeredReplies(turn.flows, turn.state, q);
  const numbers = questionDefinition(q).typedNumber;
  if (pass === 'first') return chooseOption(turn.flows, { kind: 'text', text }, offered, { numbered: numbers === 'option' });
  return closeOption(turn.flows, text, offered) ?? (numbers === 'answer_first' ? optionNumbered(offered, text) : null);
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
    // the chooser was the last message: "2" is its 2nd language, not an option of the pending question
    const numbered = optionNumbered(languageOptions(turn), text)?.payload.slice('lang:'.length) as Language | undefined;
    const to = languageNamed(flows, text) ?? numbered;
    if (to) return switchLanguage(turn, to);
  }
  const q = state.pending;
  // 1. a quick reply typed out ("ya", "2", "Publik")
  const option = q && typedOption(turn, q, text, 'first');
  if (q && option) return choose(turn, q, option, text, nlp);
  // 2. a command as a whole message ("batal", "/status 4829301")
  const command = detectCommand(flows, text);
  if (command) return runCommand(turn, command);
  // 3. an answer to the question; what does not fit may still be an option with a typo, or a recognised intent
  if (!OPENING.includes(q) && q) {
    const failure = questionDefinition(q).answer(turn, { option: null, text, nlp });
    if (!failure) return;
    const close = typedOption(turn, q, text, 'fallback');
    if (close) return choose(turn, q, close, text, nlp);
    const intent = commandFromIntent(nlp, text);
    if (intent) return runCommand(turn, intent);
    return reask(turn, failure.reason, failure.vars);
  }
  // 4. idle, or at the menu / classification question ("pengadun" is still Pengaduan)
  const close = q && typedOption(turn, q, text, 'fallback');
  if (q && close) return choose(turn, q, close, text, nlp);
  onOpeningText(turn, text, nlp);
}

/**
 * A quick reply picked by typing: an option answers the question; help or cancel (offered after
 * unusable answers, not options of the question) are their commands.
 */
function choose(turn: Turn, q: QuestionId, option: QuickReply, text: string, nlp: NlpResult | undefined): void {
  const isOption = questionOptions(turn.flows, turn.state, q).some((o) => o.payload === option.payload);
  const command = isOption ? null : detectCommand(turn.flows, option.payload);
  if (command) return runCommand(turn, command);
  answer(turn, q, { option, text, ...(nlp ? { nlp } : {}) });
}

function answer(turn: Turn, q: PendingQuestion, incoming: Incoming): void {
  const failure = questionDefinition(q).answer(turn, incoming);
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
