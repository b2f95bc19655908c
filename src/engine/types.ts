// The engine's contract: a pure function (state, input, ctx) -> { state, replies, effects }.
// The caller (src/conversation/) persists state, stores replies and applies effects.
import type { Attachment, GeoPoint, Reply } from '../core/messages.js';
import type { NlpResult } from '../core/nlp.js';
import type { ConfirmedReport } from '../core/report.js';
import type { Language } from '../core/taxonomy.js';

export type EngineInput =
  | { kind: 'text'; text: string; /** parsed by the caller before the step (nlp.js is async) */ nlp?: NlpResult }
  | { kind: 'payload'; payload: string }
  | { kind: 'location'; location: GeoPoint; address?: string }
  | { kind: 'attachment'; attachment: Attachment; caption?: string }
  | { kind: 'unsupported'; what: string }
  /** the caller tells the engine an agency answered one of this citizen's reports,
   *  so that the citizen's next free text (or photo) can be offered as a reply to it */
  | { kind: 'agency_response'; complaintId: string; trackingId: string | null };

export interface EngineContext {
  now: Date;
  /** what the platform already knows about the citizen: offered for confirmation, not asked */
  profile: { displayName?: string; phone?: string };
  /** channel of the conversation (the engine may word things per channel) */
  channel: string;
  /** language of a new conversation (e.g. the platform's sender.language); default `id` */
  language?: Language;
}

export type Effect =
  /** the citizen confirmed: store the complaint and its outbox row in one transaction */
  | { type: 'submit_complaint'; report: ConfirmedReport; /** questions and re-asks the report took */ questions: number }
  /** the citizen asked for a report's status: the caller answers from its own data */
  | { type: 'status_lookup'; trackingId: string }
  /** the citizen answered an agency response (and said it is an answer): post it to LAPOR! as
   *  `pelapor`. `attachments` (present only when not empty): photos/documents sent with the answer;
   *  `message` is then the caption, or a short "(attachment from the reporter)" text. */
  | { type: 'citizen_reply'; complaintId: string; message: string; attachments?: Attachment[] }
  /** a report flow started (completionRate = filed / started) */
  | { type: 'report_started' };

export interface StepResult<S> {
  state: S;
  replies: Reply[];
  effects: Effect[];
}

export type { Language };
