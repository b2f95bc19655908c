// "What kind of report is it?": Pengaduan, Aspirasi or Permintaan informasi.
import type { QuickReply } from '../../core/messages.js';
import { CLASSIFICATIONS, type Classification } from '../../core/taxonomy.js';
import { runCommand } from '../actions.js';
import { askNext, startReport } from '../moves.js';
import type { Turn } from '../turn.js';
import { isOneOf, UNKNOWN_OPTION, type Asking, type Failure, type Incoming, type QuestionDefinition } from './definition.js';

export const classificationOptions = ({ flows, language }: Asking): QuickReply[] =>
  CLASSIFICATIONS.map((c) => ({ title: flows.common.choices.classification[c].title[language], payload: c }));

/** A report type chosen (a report starts if none is being written), or "Cek status" on the welcome menu. */
export function answerReportType(turn: Turn, { option }: Incoming): Failure {
  const payload = option?.payload;
  if (payload === 'status') {
    runCommand(turn, { name: 'status' });
    return null;
  }
  if (!isOneOf<Classification>(CLASSIFICATIONS, payload)) return UNKNOWN_OPTION;
  const draft = turn.state.draft ?? startReport(turn);
  draft.classification = payload;
  askNext(turn);
  return null;
}

export const classification: QuestionDefinition<'classification'> = {
  id: 'classification',
  // description_noted: the story came first, its type is asked while thanking for it
  texts: { flow: 'complaint', reasons: ['description_noted'] },
  expects: { slot: 'classification', type: 'choice' },
  typedNumber: 'option',
  collects: { isMissing: (draft) => draft.classification === undefined },
  options: classificationOptions,
  answer: answerReportType,
};
