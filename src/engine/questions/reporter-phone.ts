// "Which phone number can the agency reach you on?", or "Use +62… as your contact number?".
import { ask, askNext, requireDraft } from '../moves.js';
import { parsePhone, profilePhone } from '../slot-parsers.js';
import { quickReply, type QuestionDefinition } from './definition.js';
import { offerNameAndPhone } from './reporter-known.js';
import { offeredPhone } from './reporter-name.js';

export const reporterPhone: QuestionDefinition<'reporter_phone'> = {
  id: 'reporter_phone',
  texts: { flow: 'complaint', variants: ['ask_known'], reasons: ['invalid'], reasonsWhenOffered: ['unknown_option'] },
  expects: { slot: 'reporter_phone', type: 'phone' },
  // a typed number is a phone number; one that cannot be ("1") picks the option ("Ya")
  typedNumber: 'answer_first',
  collects: { isMissing: (draft) => draft.reporterPhone === undefined },
  askAs(draft, profile) {
    if (offerNameAndPhone(draft, profile)) return 'reporter_known';
    const phone = profilePhone(profile.phone);
    if (draft.offeredPhone === undefined && phone) draft.offeredPhone = phone;
    return 'reporter_phone';
  },
  offered: (draft) => offeredPhone(draft),
  options: (asking) => (offeredPhone(asking.draft) ? [quickReply(asking, 'yes'), quickReply(asking, 'no')] : []),
  variant: ({ draft }) => (offeredPhone(draft) ? 'ask_known' : null),
  vars: ({ draft }) => ({ phone: offeredPhone(draft) }),
  reopen: (draft) => {
    draft.offeredPhone = null;
  },
  answer(turn, { option, text }) {
    const draft = requireDraft(turn);
    const payload = option?.payload;
    if (payload === 'yes') {
      draft.reporterPhone = offeredPhone(draft) ?? undefined;
    } else if (payload === 'no') {
      draft.offeredPhone = null;
      ask(turn, 'reporter_phone');
      return null;
    } else {
      const parsed = parsePhone(option ? '' : (text ?? ''));
      if (!parsed.ok) return parsed;
      draft.reporterPhone = parsed.value;
    }
    askNext(turn);
    return null;
  },
};
