// "How should your report be sent?": public, anonymous or secret.
import { PRIVACY_CHOICES, type Privacy } from '../../core/taxonomy.js';
import { askNext, requireDraft } from '../moves.js';
import { isOneOf, UNKNOWN_OPTION, type QuestionDefinition } from './definition.js';

export const privacy: QuestionDefinition<'privacy'> = {
  id: 'privacy',
  texts: { flow: 'complaint', reasons: [] },
  expects: { slot: 'privacy', type: 'choice' },
  typedNumber: 'option',
  collects: { isMissing: (draft) => draft.privacy === undefined },
  options: ({ flows, language }) => PRIVACY_CHOICES.map((p) => ({ title: flows.common.choices.privacy[p].title[language], payload: p })),
  vars({ flows, language }) {
    const choices = flows.common.choices.privacy;
    return { public: choices.public.explain?.[language], anonymous: choices.anonymous.explain?.[language], secret: choices.secret.explain?.[language] };
  },
  answer(turn, { option }) {
    const payload = option?.payload;
    if (!isOneOf<Privacy>(PRIVACY_CHOICES, payload)) return UNKNOWN_OPTION;
    const draft = requireDraft(turn);
    draft.privacy = payload;
    if (payload === 'anonymous') {
      // an anonymous report keeps no identity, not even in the draft
      delete draft.reporterName;
      delete draft.reporterPhone;
    }
    askNext(turn);
    return null;
  },
};
