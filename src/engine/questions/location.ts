// "Where is it?": an address or place typed, or a map pin (a pin is taken by the step itself).
import { askNext, requireDraft } from '../moves.js';
import { parseLocationText } from '../slot-parsers.js';
import { quickReply, UNKNOWN_OPTION, type QuestionDefinition } from './definition.js';

export const location: QuestionDefinition<'location'> = {
  id: 'location',
  // share_location: "Kirim lokasi" typed or tapped where the app cannot send a pin from a button
  texts: { flow: 'complaint', reasons: ['too_short', 'share_location'] },
  expects: { slot: 'location', type: 'location' },
  typedNumber: 'option',
  collects: { isMissing: (draft) => draft.location === undefined },
  options: (asking) => [quickReply(asking, 'share_location')],
  answer(turn, { option, text, nlp }) {
    if (option?.payload === 'share_location') return { reason: 'share_location' };
    if (option || text === null) return UNKNOWN_OPTION;
    const parsed = parseLocationText(text, nlp, turn.flows.complaint.limits);
    if (!parsed.ok) return parsed;
    requireDraft(turn).location = parsed.value;
    askNext(turn);
    return null;
  },
};
