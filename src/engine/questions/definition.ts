// What a question of the conversation is, in one place: what it expects, the options it offers,
// how it reads an answer, why it may re-ask and which of its texts flows/*.yaml must hold.
// The texts themselves stay in the flows (per language, as data); everything else a question
// is lives in its definition, and the rest (flow validation, SLOTS, re-asks, quick replies)
// is derived from the definitions.
import type { Expects, QuickReply } from '../../core/messages.js';
import type { NlpResult } from '../../core/nlp.js';
import type { Language } from '../../core/taxonomy.js';
import type { Flows, LocalText, QuickReplyKey } from '../flow-schema.js';
import type { ConversationState, ReportDraft } from '../state.js';
import type { TextVars } from '../text.js';
import type { Turn } from '../turn.js';
import type { EngineContext } from '../types.js';
import type { QuestionId } from './index.js';

/** What came in for the question: the option it chose, or else the typed text. */
export interface Incoming {
  option: QuickReply | null;
  text: string | null;
  nlp?: NlpResult;
}

/** Why an answer cannot be used (a key of the question's `errors`), or null when it was used. */
export type Failure = { reason: string; vars?: TextVars } | null;

export const UNKNOWN_OPTION: Failure = { reason: 'unknown_option' };

/** Variants of a question's `ask` text, chosen by the state (see `variant`). */
export const ASK_VARIANTS = ['ask_optional', 'ask_more', 'ask_known'] as const;
export type AskVariant = (typeof ASK_VARIANTS)[number];

/**
 * What a typed number means at this question (channels without buttons show options as "1. …"):
 * - `option`: "2" is the 2nd quick reply offered;
 * - `answer`: a number is the answer itself and never an option (a date: "12" is the 12th);
 * - `answer_first`: the answer's parser reads it first; only a number it cannot use picks an
 *   option (a phone or a tracking number is never "1", so "1" at "use this number?" is "Ya").
 */
export type TypedNumber = 'option' | 'answer' | 'answer_first';

/** The question being put: what options, variables and text variants are computed from. */
export interface Asking {
  readonly flows: Flows;
  readonly state: ConversationState;
  readonly draft: ReportDraft | null;
  readonly language: Language;
}

/** The flow's say on a collected slot (flows/complaint.yaml): whether skipping it is allowed, etc. */
export interface SlotPolicy {
  optional: boolean;
  skipInFastPath: boolean;
}

export interface QuestionDefinition<Id extends QuestionId = QuestionId> {
  /** the question's id: `state.pending`, and its key under `questions:` in the flow */
  readonly id: Id;
  /**
   * Where its texts are: `questions.<id>` of flows/<flow>.yaml, holding `ask`, the declared
   * variants, `errors` (keys among `reasons`) and `errors_known` (keys among `reasonsWhenOffered`).
   * null: the definition takes its texts elsewhere (`askText`, `reaskText`).
   */
  readonly texts: {
    readonly flow: 'complaint' | 'status';
    readonly variants?: readonly AskVariant[];
    /** the reasons its answers may fail with; a reason without a text falls back to the common re-ask */
    readonly reasons: readonly string[];
    /** re-asks used instead while a chat app's value is on offer (see `offered`) */
    readonly reasonsWhenOffered?: readonly string[];
  } | null;
  /** what a channel is told the question asks for (webchat-api.md `expects`); absent: a plain text */
  readonly expects?: Expects;
  readonly typedNumber: TypedNumber;
  /**
   * A slot of the report collected in the flow's `order`: whether it still has to be asked.
   * Its flow entry may then also say `ask_when`, `optional_when`, `optional`, `skip_in_fast_path`.
   */
  readonly collects?: { isMissing(draft: ReportDraft, policy: SlotPolicy): boolean };
  /**
   * When its slot is next: the question to put instead, if another one asks it better (both name
   * and phone known: one yes/no). May record the values offered for confirmation on the draft.
   */
  askAs?(draft: ReportDraft, profile: EngineContext['profile']): QuestionId;
  /** The options offered, with the fixed payloads of contracts/webchat-api.md. */
  options(asking: Asking): QuickReply[];
  /** Variables its texts may use. */
  vars?(asking: Asking): TextVars;
  /** The variant of `ask` the state calls for; none: `ask`. */
  variant?(asking: Asking): AskVariant | null;
  /** Texts that are not under `questions:` (the welcome menu). */
  askText?(asking: Asking): LocalText;
  reaskText?(asking: Asking): LocalText;
  /** A chat app's value offered for a yes/no: while there is one, the question is a `choice`. */
  offered?(draft: ReportDraft | null | undefined): string | null;
  /** Picked from the summary to be changed: clears what would keep it from being asked again. */
  reopen?(draft: ReportDraft): void;
  /** Uses the answer (and moves on), or returns why it cannot be used. */
  answer(turn: Turn, incoming: Incoming): Failure;
}

/** A quick reply of flows/common.yaml `quick_replies`, in the conversation's language. */
export function quickReply(asking: Pick<Asking, 'flows' | 'language'>, key: QuickReplyKey): QuickReply {
  return { title: asking.flows.common.quick_replies[key][asking.language], payload: key };
}

export const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);
