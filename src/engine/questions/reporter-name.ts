// "What's your name?", or "Use the name "Siti" for this report?" when the chat app gave one.
import { ask, askNext, requireDraft } from '../moves.js';
import { parseName, profileName, profilePhone } from '../slot-parsers.js';
import type { ReportDraft } from '../state.js';
import type { Turn } from '../turn.js';
import { quickReply, UNKNOWN_OPTION, type Failure, type Incoming, type QuestionDefinition } from './definition.js';
import { offerNameAndPhone } from './reporter-known.js';

/** The chat app's name on offer for a yes/no, or null (a blank or invisible name is no name). */
export const offeredName = (draft: ReportDraft | null | undefined): string | null =>
  typeof draft?.offeredName === 'string' ? profileName(draft.offeredName) : null;

/** The chat app's phone on offer for a yes/no, or null. */
export const offeredPhone = (draft: ReportDraft | null | undefined): string | null =>
  typeof draft?.offeredPhone === 'string' ? profilePhone(draft.offeredPhone) : null;

/**
 * Ya: the name on offer (and the phone too when both were offered); Tidak: asked to type it;
 * else the typed name, which is re-asked as a yes/no while a name is on offer.
 */
export function answerName(turn: Turn, { option, text }: Incoming, { withPhone }: { withPhone: boolean }): Failure {
  const draft = requireDraft(turn);
  const payload = option?.payload;
  if (payload === 'yes') {
    draft.reporterName = offeredName(draft) ?? undefined;
    if (withPhone) draft.reporterPhone = offeredPhone(draft) ?? undefined;
  } else if (payload === 'no') {
    draft.offeredName = null;
    ask(turn, 'reporter_name');
    return null;
  } else {
    const parsed = parseName(option ? '' : (text ?? ''));
    if (!parsed.ok) return offeredName(draft) ? UNKNOWN_OPTION : parsed;
    draft.reporterName = parsed.value;
  }
  askNext(turn);
  return null;
}

export const reporterName: QuestionDefinition<'reporter_name'> = {
  id: 'reporter_name',
  texts: { flow: 'complaint', variants: ['ask_known'], reasons: ['invalid'], reasonsWhenOffered: ['unknown_option'] },
  expects: { slot: 'reporter_name', type: 'text' },
  typedNumber: 'option', // a name has no digits
  collects: { isMissing: (draft) => draft.reporterName === undefined },
  askAs(draft, profile) {
    if (offerNameAndPhone(draft, profile)) return 'reporter_known';
    const name = profileName(profile.displayName);
    if (draft.offeredName === undefined && name) draft.offeredName = name;
    return 'reporter_name';
  },
  offered: offeredName,
  options: (asking) => (offeredName(asking.draft) ? [quickReply(asking, 'yes'), quickReply(asking, 'no')] : []),
  variant: ({ draft }) => (offeredName(draft) ? 'ask_known' : null),
  vars: ({ draft }) => ({ name: offeredName(draft) }),
  reopen: (draft) => {
    draft.offeredName = null; // they want to change it: ask to type it
  },
  answer: (turn, incoming) => answerName(turn, incoming, { withPhone: false }),
};
