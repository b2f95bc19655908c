// Every question of the conversation, one definition each (see definition.ts). Adding a question:
// its definition file, one line here, and its texts under `questions:` in flows/*.yaml
// (and its id in the complaint's `order` when it collects a slot of the report).
import type { Slot } from '../../core/messages.js';
import { attachments } from './attachments.js';
import { category } from './category.js';
import { classification } from './classification.js';
import { dateOfIncident } from './date-of-incident.js';
import type { QuestionDefinition } from './definition.js';
import { description } from './description.js';
import { edit } from './edit.js';
import { location } from './location.js';
import { menu } from './menu.js';
import { privacy } from './privacy.js';
import { replyConfirm } from './reply-confirm.js';
import { reporterKnown } from './reporter-known.js';
import { reporterName } from './reporter-name.js';
import { reporterPhone } from './reporter-phone.js';
import { statusTracking } from './status-tracking.js';
import { summary } from './summary.js';
import { title } from './title.js';

export const QUESTIONS = [
  menu, classification, description, category, location, dateOfIncident, attachments, privacy,
  reporterName, reporterPhone, reporterKnown, title, summary, edit, statusTracking, replyConfirm,
] as const;

/** What the bot may be waiting for (`state.pending`). */
export type QuestionId = (typeof QUESTIONS)[number]['id'];

const BY_ID: ReadonlyMap<string, QuestionDefinition> = new Map(QUESTIONS.map((q) => [q.id, q]));

export function questionDefinition(id: QuestionId): QuestionDefinition {
  const definition = BY_ID.get(id);
  if (!definition) throw new Error(`engine: no question "${id}"`);
  return definition;
}

/** Whether a stored or typed id names a question. */
export const isQuestionId = (id: string): id is QuestionId => BY_ID.has(id);

/** Every slot a question asks for (webchat-api.md `expects.slot`), in the order of QUESTIONS. */
export const SLOTS: readonly Slot[] = [...new Set(QUESTIONS.flatMap((q): Slot[] => (q.expects ? [q.expects.slot] : [])))];

/** The questions whose texts are under `questions:` of flows/<flow>.yaml. */
export const questionsOfFlow = (flow: 'complaint' | 'status'): QuestionDefinition[] =>
  QUESTIONS.filter((q) => q.texts?.flow === flow);

/** The questions that collect a slot of the report, in the flow's `order`. */
export const COLLECTING: readonly QuestionDefinition[] = QUESTIONS.filter((q) => q.collects !== undefined);
