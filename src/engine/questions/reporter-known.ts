// Both name and phone known from the chat app: "This report is in the name of "Siti" with
// number +62…, right?", one yes/no instead of two questions.
import { profileName, profilePhone } from '../slot-parsers.js';
import type { ReportDraft } from '../state.js';
import type { EngineContext } from '../types.js';
import { quickReply, type QuestionDefinition } from './definition.js';
import { answerName, offeredName, offeredPhone } from './reporter-name.js';

/**
 * Whether to offer both at once: neither is known or was offered yet, and the chat app gives both.
 * Records them on the draft as the values offered.
 */
export function offerNameAndPhone(draft: ReportDraft, profile: EngineContext['profile']): boolean {
  const name = profileName(profile.displayName);
  const phone = profilePhone(profile.phone);
  const neitherKnown = draft.reporterName === undefined && draft.reporterPhone === undefined;
  if (!neitherKnown || draft.offeredName !== undefined || draft.offeredPhone !== undefined || !name || !phone) return false;
  draft.offeredName = name;
  draft.offeredPhone = phone;
  return true;
}

export const reporterKnown: QuestionDefinition<'reporter_known'> = {
  id: 'reporter_known',
  texts: { flow: 'complaint', reasons: [] },
  expects: { slot: 'reporter_name', type: 'choice' },
  typedNumber: 'option',
  offered: (draft) => offeredName(draft),
  options: (asking) => [quickReply(asking, 'yes'), quickReply(asking, 'no')],
  vars: ({ draft }) => ({ name: offeredName(draft), phone: offeredPhone(draft) }),
  answer: (turn, incoming) => answerName(turn, incoming, { withPhone: true }),
};
