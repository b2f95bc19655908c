// "Please check your report: … Send this report to LAPOR!?": send, change or cancel.
import { runCommand } from '../actions.js';
import { ask, submit } from '../moves.js';
import { summaryVars } from '../summary.js';
import { quickReply, UNKNOWN_OPTION, type QuestionDefinition } from './definition.js';

export const summary: QuestionDefinition<'summary'> = {
  id: 'summary',
  texts: { flow: 'complaint', reasons: [] },
  expects: { slot: 'confirm', type: 'confirm' },
  typedNumber: 'option',
  options: (asking) => [quickReply(asking, 'confirm'), quickReply(asking, 'edit'), quickReply(asking, 'cancel')],
  vars: ({ flows, language, draft }) => (draft ? summaryVars(flows, language, draft) : {}),
  answer(turn, { option }) {
    const payload = option?.payload;
    if (payload === 'confirm') submit(turn);
    else if (payload === 'edit') ask(turn, 'edit');
    else if (payload === 'cancel') runCommand(turn, { name: 'cancel' });
    else return UNKNOWN_OPTION;
    return null;
  },
};
