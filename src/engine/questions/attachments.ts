// "Any photo or PDF as evidence?": files are taken by the step as they come; this question is
// answered by skipping, by "done", or by removing what was sent.
import { ask, askNext, requireDraft } from '../moves.js';
import { quickReply, type QuestionDefinition } from './definition.js';

export const attachments: QuestionDefinition<'attachments'> = {
  id: 'attachments',
  texts: { flow: 'complaint', variants: ['ask_more'], reasons: ['none'] },
  expects: { slot: 'attachments', type: 'media' },
  typedNumber: 'option',
  collects: { isMissing: (draft, policy) => !draft.attachmentsDone && !(draft.fastPath && policy.skipInFastPath) },
  options: (asking) =>
    asking.draft?.attachments.length ? [quickReply(asking, 'done'), quickReply(asking, 'clear')] : [quickReply(asking, 'skip')],
  variant: ({ draft }) => (draft?.attachments.length ? 'ask_more' : null),
  vars: ({ flows, draft }) => ({ max: flows.complaint.limits.max_attachments, count: draft?.attachments.length ?? 0 }),
  reopen: (draft) => {
    draft.attachmentsDone = false;
  },
  answer(turn, { option }) {
    const draft = requireDraft(turn);
    const payload = option?.payload;
    if (payload === 'clear') {
      draft.attachments = [];
      ask(turn, 'attachments');
      return null;
    }
    if (payload !== 'skip' && payload !== 'done') return { reason: 'none' };
    draft.attachmentsDone = true;
    askNext(turn);
    return null;
  },
};
