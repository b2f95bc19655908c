// How a question is put to the citizen, from its definition (questions/): which one comes next,
// its text, quick replies and expects, and the specific re-ask after an unusable answer.
import type { Expects, QuickReply, Reply } from '../core/messages.js';
import type { Flows, LocalText, QuestionTexts } from './flow-schema.js';
import { quickReply, type Asking, type QuestionDefinition } from './questions/definition.js';
import { questionDefinition, type QuestionId } from './questions/index.js';
import type { ConversationState, ReportDraft } from './state.js';
import { say, type TextVars } from './text.js';
import type { EngineContext } from './types.js';

/** Help is offered from this many unusable answers in a row. */
export const HELP_AFTER_ATTEMPTS = 3;

/** The texts of a question in the flows (validated at load: every definition's entry exists). */
export function questionTexts(flows: Flows, definition: QuestionDefinition): QuestionTexts | null {
  if (!definition.texts) return null;
  const texts = flows[definition.texts.flow].questions[definition.id];
  if (!texts) throw new Error(`engine: flows/${definition.texts.flow}.yaml has no question "${definition.id}"`);
  return texts;
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

export function isOptional(flows: Flows, draft: ReportDraft, slot: QuestionId): boolean {
  const texts = questionTexts(flows, questionDefinition(slot));
  return Boolean(texts?.optional) || (texts?.optional_when !== undefined && holds(texts.optional_when, draft));
}

function isMissing(flows: Flows, draft: ReportDraft, definition: QuestionDefinition): boolean {
  const texts = questionTexts(flows, definition);
  if (!definition.collects || !holds(texts?.ask_when, draft)) return false;
  const policy = { optional: isOptional(flows, draft, definition.id), skipInFastPath: Boolean(texts?.skip_in_fast_path) };
  return definition.collects.isMissing(draft, policy);
}

/**
 * The next question for the draft: the first missing slot in flow order, else the summary.
 * May record the chat app's name/phone on the draft as the values offered for confirmation.
 */
export function nextQuestion(flows: Flows, draft: ReportDraft, profile: EngineContext['profile']): QuestionId {
  const slot = flows.complaint.order.find((id) => isMissing(flows, draft, questionDefinition(id)));
  if (!slot) return 'summary';
  const definition = questionDefinition(slot);
  return definition.askAs?.(draft, profile) ?? slot;
}

const asking = (flows: Flows, state: ConversationState): Asking => ({ flows, state, draft: state.draft, language: state.language });

/** The options a question offers, with the fixed payloads of contracts/webchat-api.md. */
export function questionOptions(flows: Flows, state: ConversationState, q: QuestionId): QuickReply[] {
  return questionDefinition(q).options(asking(flows, state));
}

/**
 * The quick replies the question's last message carried, in their order: its options, then help and
 * cancel once they are offered. A typed number counts in this list (numbered lines show it).
 */
export function offeredReplies(flows: Flows, state: ConversationState, q: QuestionId): QuickReply[] {
  return withHelpOffer(flows, state, { text: '', quickReplies: questionOptions(flows, state, q) }).quickReplies ?? [];
}

const questionVars = (flows: Flows, state: ConversationState, definition: QuestionDefinition): TextVars =>
  definition.vars?.(asking(flows, state)) ?? {};

/** The text of a question, in the variant the state calls for. */
function askText(flows: Flows, state: ConversationState, definition: QuestionDefinition): string {
  const view = asking(flows, state);
  let text: LocalText | undefined = definition.askText?.(view);
  if (!text) {
    const texts = questionTexts(flows, definition)!;
    const variant = definition.variant?.(view);
    text = (variant && texts[variant]) || texts.ask;
  }
  return say(text, state.language, questionVars(flows, state, definition));
}

/** Adds the help offer (bantuan / batal) after repeated unusable answers. */
function withHelpOffer(flows: Flows, state: ConversationState, message: Reply): Reply {
  if (state.attempts < HELP_AFTER_ATTEMPTS) return message;
  const quickReplies = [...(message.quickReplies ?? [])];
  for (const key of ['help', 'cancel'] as const) {
    if (!quickReplies.some((o) => o.payload === key)) quickReplies.push(quickReply({ flows, language: state.language }, key));
  }
  return { ...message, text: `${message.text}\n\n${say(flows.common.texts.help_offer, state.language)}`, quickReplies };
}

/**
 * What the question expects (webchat-api.md): as its definition declares, except that asking to
 * confirm a value the chat app gave is a closed yes/no question, a `choice` (typing another still works).
 */
export function questionExpects(flows: Flows, state: ConversationState, q: QuestionId): Expects | undefined {
  const definition = questionDefinition(q);
  const expects = definition.expects;
  if (!expects) return undefined;
  return definition.offered?.(state.draft) ? { slot: expects.slot, type: 'choice' } : { ...expects };
}

function build(flows: Flows, state: ConversationState, q: QuestionId, text: string): Reply {
  const message: Reply = { text };
  const options = questionOptions(flows, state, q);
  if (options.length) message.quickReplies = options;
  const expects = questionExpects(flows, state, q);
  if (expects) message.expects = expects;
  return withHelpOffer(flows, state, message);
}

/** The question as first asked (or repeated). */
export function questionReply(flows: Flows, state: ConversationState, q: QuestionId): Reply {
  return build(flows, state, q, askText(flows, state, questionDefinition(q)));
}

/** The re-ask text the question has for `reason`, if any (its `errors_known` while a value is on offer). */
function reaskText(flows: Flows, state: ConversationState, definition: QuestionDefinition, reason: string): LocalText | undefined {
  const own = definition.reaskText?.(asking(flows, state));
  if (own) return own;
  const texts = questionTexts(flows, definition);
  if (!texts) return undefined;
  const known = definition.offered?.(state.draft) ? texts.errors_known : {};
  return Object.hasOwn(known, reason) ? known[reason] : Object.hasOwn(texts.errors, reason) ? texts.errors[reason] : undefined;
}

/** A specific re-ask after an unusable answer: says what is expected (state.attempts already counts it). */
export function reaskReply(
  flows: Flows,
  state: ConversationState,
  q: QuestionId,
  reason: string,
  vars: TextVars = {},
): Reply {
  const definition = questionDefinition(q);
  const allVars = { ...questionVars(flows, state, definition), ...vars };
  const specific = reaskText(flows, state, definition, reason);
  let text: string;
  if (specific) {
    text = say(specific, state.language, allVars);
  } else if (reason === 'unknown_option' && questionOptions(flows, state, q).length) {
    const options = questionOptions(flows, state, q).map((o) => o.title).join(', ');
    text = say(flows.common.errors.unknown_option, state.language, { options });
  } else {
    text = `${say(flows.common.errors.generic, state.language)} ${askText(flows, state, definition)}`;
  }
  return build(flows, state, q, text);
}

