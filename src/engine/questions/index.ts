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

// The list is read when first needed, never while modules load: the definitions use the engine's
// moves, which use this list, so whichever module is imported first the cycle stays harmless.
const list = () =>
  [
    menu, classification, description, category, location, dateOfIncident, attachments, privacy,
    reporterName, reporterPhone, reporterKnown, title, summary, edit, statusTracking, replyConfirm,
  ] as const;

/** What the bot may be waiting for (`state.pending`). */
export type QuestionId = ReturnType<typeof list>[number]['id'];

let byId: ReadonlyMap<string, QuestionDefinition> | undefined;
const definitions = (): ReadonlyMap<string, QuestionDefinition> => (byId ??= new Map(list().map((q) => [q.id, q])));

/** Every question, in the order above. */
export const allQuestions = (): QuestionDefinition[] => [...definitions().values()];

export function questionDefinition(id: QuestionId): QuestionDefinition {
  const definition = definitions().get(id);
  if (!definition) throw new Error(`engine: no question "${id}"`);
  return definition;
}

/** Every slot a question asks for (webchat-api.md `expects.slot`). */
export const questionSlots = (): Slot[] => [...new Set(allQuestions().flatMap((q): Slot[] => (q.expects ? [q.expects.slot] : [])))];

/** The questions whose texts are under `questions:` of flows/<flow>.yaml. */
export const questionsOfFlow = (flow: 'complaint' | 'status'): QuestionDefinition[] =>
  allQuestions().filter((q) => q.texts?.flow === flow);

/** The questions that collect a slot of the report (the complaint flow's `order` lists them all). */
export const collectingQuestions = (): QuestionDefinition[] => allQuestions().filter((q) => q.collects !== undefined);
