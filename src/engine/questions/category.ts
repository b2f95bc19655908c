// "Which category fits best?": one of the 13 categories.
import { CATEGORIES, type Category } from '../../core/taxonomy.js';
import { askNext, requireDraft } from '../moves.js';
import { isOneOf, UNKNOWN_OPTION, type QuestionDefinition } from './definition.js';

export const category: QuestionDefinition<'category'> = {
  id: 'category',
  texts: { flow: 'complaint', reasons: [] },
  expects: { slot: 'category', type: 'choice' },
  typedNumber: 'option',
  collects: { isMissing: (draft) => draft.category === undefined },
  options: ({ flows, language }) => CATEGORIES.map((c) => ({ title: flows.common.choices.category[c].title[language], payload: c })),
  answer(turn, { option }) {
    const payload = option?.payload;
    if (!isOneOf<Category>(CATEGORIES, payload)) return UNKNOWN_OPTION;
    requireDraft(turn).category = payload;
    askNext(turn);
    return null;
  },
};
