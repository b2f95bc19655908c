// The conversation state: plain JSON, persisted by the caller (JSONB) between steps.
// Invariant: everything the engine needs to continue is in here (no hidden caches, no ctx),
// so JSON.parse(JSON.stringify(state)) continues exactly like the original.
import type { Attachment } from '../core/messages.js';
import type { NlpResult } from '../core/nlp.js';
import type { ReportLocation } from '../core/report.js';
import type { Category, Classification, Language, Privacy } from '../core/taxonomy.js';
import type { QuestionId } from './questions/index.js';

export const STATE_VERSION = 1;

/**
 * What the bot is waiting for: a question of questions/. `menu`: the welcome menu (report types +
 * check status); `reply_confirm`: "send this as your answer to the agency?" (the message waits in `replyDraft`).
 */
export type PendingQuestion = QuestionId;

/** A report being written. Fields are absent until known; `dateOfIncident: null` means skipped. */
export interface ReportDraft {
  classification?: Classification;
  description?: string;
  title?: string;
  /** the citizen typed the title: do not regenerate it when the description changes */
  titleEdited?: boolean;
  category?: Category;
  location?: ReportLocation;
  dateOfIncident?: string | null;
  attachments: Attachment[];
  /** the attachments question was answered (skip/done) */
  attachmentsDone: boolean;
  privacy?: Privacy;
  reporterName?: string;
  reporterPhone?: string;
  /** the chat app's name/phone offered for confirmation (kept so a resumed question can repeat it);
   *  null: declined or being changed, do not offer it again */
  offeredName?: string | null;
  offeredPhone?: string | null;
  /** slots filled from the citizen's own words by NLP, shown back in the summary */
  understood: string[];
  /** the first message already told the story: no optional questions, straight to what is missing */
  fastPath: boolean;
  /** questions and re-asks put for this report so far (public completeness figures; optional:
   *  drafts stored before it existed count from now) */
  questions?: number;
}

export interface ConversationState {
  version: typeof STATE_VERSION;
  language: Language;
  /** language fixed by the first parsed text or by the `bahasa` command */
  languageSettled: boolean;
  pending: PendingQuestion | null;
  /** unusable answers in a row to `pending` (help is offered at the third) */
  attempts: number;
  draft: ReportDraft | null;
  /** a status check interrupted the report: the question to come back to */
  resumeTo: PendingQuestion | null;
  /** the language chooser is showing; the next answer may pick a language */
  choosingLanguage: boolean;
  /** an agency answered this report: a free text while idle may be the citizen's reply (asked first).
   *  Kept until a reply is sent, a new report starts, or the citizen cancels. */
  replyTo: { complaintId: string; trackingId: string | null } | null;
  /** what the citizen sent while `replyTo` was set, waiting for "send it as your answer?" (optional:
   *  states stored before it existed read as none) */
  replyDraft?: ReplyDraft | null;
}

/** A possible reply to the agency, held until the citizen confirms it. */
export interface ReplyDraft {
  /** the report it answers (the agency may answer another one meanwhile) */
  to: { complaintId: string; trackingId: string | null };
  message: string | null;
  attachments: Attachment[];
  /** the NLP reading of the text, to treat it as a new message if it is not a reply */
  nlp?: NlpResult;
}

export function initialState(language: Language = 'id'): ConversationState {
  return {
    version: STATE_VERSION,
    language,
    languageSettled: false,
    pending: null,
    attempts: 0,
    draft: null,
    resumeTo: null,
    choosingLanguage: false,
    replyTo: null,
  };
}

export function newDraft(): ReportDraft {
  return { attachments: [], attachmentsDone: false, understood: [], fastPath: false, questions: 0 };
}

/**
 * A private copy of a stored state to work on (the caller's object is never mutated).
 * A state of another version, or not a state at all, starts a fresh conversation.
 */
export function restoreState(stored: unknown, language: Language = 'id'): ConversationState {
  if (!stored || typeof stored !== 'object' || (stored as { version?: unknown }).version !== STATE_VERSION) {
    return initialState(language);
  }
  return { ...initialState(language), ...(JSON.parse(JSON.stringify(stored)) as ConversationState) };
}
