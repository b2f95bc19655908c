// "Type the report title": asked only when changing the title from the summary (it is made from the story).
import { askNext, requireDraft } from '../moves.js';
import { parseTitle } from '../slot-parsers.js';
import { reportText } from '../summary.js';
import type { QuestionDefinition } from './definition.js';

export const title: QuestionDefinition<'title'> = {
  id: 'title',
  texts: { flow: 'complaint', reasons: ['too_short', 'too_long'] },
  expects: { slot: 'title', type: 'text' },
  typedNumber: 'option',
  options: () => [],
  vars: ({ draft }) => ({ title: draft?.title === undefined ? undefined : reportText(draft.title) }),
  answer(turn, { option, text }) {
    if (option || text === null) return { reason: 'too_short' };
    const parsed = parseTitle(text, turn.flows.complaint.limits);
    if (!parsed.ok) return parsed;
    const draft = requireDraft(turn);
    draft.title = parsed.value;
    draft.titleEdited = true;
    askNext(turn);
    return null;
  },
};
