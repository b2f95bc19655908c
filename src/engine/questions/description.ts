// "Tell me what happened": the story, which may already say where and when.
import { askNext, requireDraft } from '../moves.js';
import { prefillFromText, setDescription } from '../prefill.js';
import { parseDescription } from '../slot-parsers.js';
import type { QuestionDefinition } from './definition.js';

export const description: QuestionDefinition<'description'> = {
  id: 'description',
  texts: { flow: 'complaint', reasons: ['too_short', 'too_long', 'not_text'] },
  expects: { slot: 'description', type: 'text' },
  typedNumber: 'option',
  collects: { isMissing: (draft) => draft.description === undefined },
  options: () => [],
  answer(turn, { option, text, nlp }) {
    if (option || text === null) return { reason: 'not_text' };
    const { flows, ctx } = turn;
    const parsed = parseDescription(text, flows.complaint.limits);
    if (!parsed.ok) return parsed;
    const draft = requireDraft(turn);
    setDescription(flows, draft, parsed.value);
    // the story may already say where and when: fill only what is still empty
    prefillFromText(flows, draft, text, nlp, ctx.now, { withClassification: false, withDescription: false });
    askNext(turn);
    return null;
  },
};
