// "Which part do you want to change?": a field of the summary, asked again; answering it comes
// back to the summary (or to what the change made missing).
import { ask, requireDraft } from '../moves.js';
import { applicableFields, SUMMARY_FIELDS } from '../summary.js';
import type { Turn } from '../turn.js';
import { UNKNOWN_OPTION, isOneOf, type Failure, type QuestionDefinition } from './definition.js';
import { questionDefinition } from './index.js';

function startEdit(turn: Turn, field: string): Failure {
  const draft = requireDraft(turn);
  if (!isOneOf(SUMMARY_FIELDS, field)) return UNKNOWN_OPTION;
  questionDefinition(field).reopen?.(draft);
  ask(turn, field);
  return null;
}

export const edit: QuestionDefinition<'edit'> = {
  id: 'edit',
  texts: { flow: 'complaint', reasons: [] },
  expects: { slot: 'confirm', type: 'choice' },
  typedNumber: 'option',
  options: ({ flows, language, draft }) =>
    draft ? applicableFields(draft).map((f) => ({ title: flows.common.fields[f][language], payload: f })) : [],
  answer(turn, { option }) {
    if (!option) return UNKNOWN_OPTION;
    return startEdit(turn, option.payload);
  },
};
