// "When did it happen?": a date in everyday words, "today"/"yesterday", or skipped where optional.
import { parseDate } from '../../core/dates.js';
import { isOptional } from '../asking.js';
import { askNext, requireDraft } from '../moves.js';
import { parseDateAnswer } from '../slot-parsers.js';
import { quickReply, UNKNOWN_OPTION, type Asking, type QuestionDefinition } from './definition.js';

const optionalNow = ({ flows, draft }: Asking) => draft !== null && isOptional(flows, draft, 'date_of_incident');

export const dateOfIncident: QuestionDefinition<'date_of_incident'> = {
  id: 'date_of_incident',
  texts: { flow: 'complaint', variants: ['ask_optional'], reasons: ['future', 'invalid', 'none'] },
  expects: { slot: 'date_of_incident', type: 'date' },
  // "12" may be the 12th: a typed number is never an option here
  typedNumber: 'answer',
  collects: {
    // null = skipped, which only an optional date may be
    isMissing: (draft, policy) => draft.dateOfIncident === undefined || (draft.dateOfIncident === null && !policy.optional),
  },
  options(asking) {
    const base = [quickReply(asking, 'today'), quickReply(asking, 'yesterday')];
    return optionalNow(asking) ? [...base, quickReply(asking, 'skip')] : base;
  },
  variant: (asking) => (optionalNow(asking) ? 'ask_optional' : null),
  answer(turn, { option, text, nlp }) {
    const { ctx } = turn;
    const draft = requireDraft(turn);
    if (option?.payload === 'skip') {
      draft.dateOfIncident = null;
    } else if (option) {
      const date = parseDate(option.payload, ctx.now); // "today" / "yesterday"
      if (!date) return UNKNOWN_OPTION;
      draft.dateOfIncident = date.value;
    } else {
      const parsed = parseDateAnswer(text ?? '', nlp, ctx.now);
      if (!parsed.ok) return parsed;
      draft.dateOfIncident = parsed.value;
    }
    askNext(turn);
    return null;
  },
};
