// After an agency's response, "Send this as your answer on report #…?": yes posts it to LAPOR!,
// no reads the message as a new one; another bubble of text is added to the one held.
import { showWelcome } from '../moves.js';
import { openWithText, startReportFromMedia } from '../opening.js';
import { offerReply, sendReply } from '../reply.js';
import { reply, t, type Turn } from '../turn.js';
import { quickReply, UNKNOWN_OPTION, type QuestionDefinition } from './definition.js';

/** "No, it is not an answer to the agency": the message is read as a new one (a story starts a report). */
function declineReply(turn: Turn): void {
  const { state, flows } = turn;
  const held = state.replyDraft;
  delete state.replyDraft;
  state.pending = null;
  state.attempts = 0;
  reply(turn, { text: t(turn, flows.status.texts.reply_not_sent) });
  if (held?.attachments.length) return startReportFromMedia(turn, held.attachments, held.message);
  if (held?.message) return openWithText(turn, held.message, held.nlp);
  showWelcome(turn);
}

export const replyConfirm: QuestionDefinition<'reply_confirm'> = {
  id: 'reply_confirm',
  texts: { flow: 'status', reasons: [] },
  typedNumber: 'option',
  options: (asking) => [quickReply(asking, 'yes'), quickReply(asking, 'no')],
  vars: ({ state }) => ({ trackingId: (state.replyDraft?.to ?? state.replyTo)?.trackingId }),
  answer(turn, { option, text }) {
    if (option?.payload === 'yes') {
      sendReply(turn);
      return null;
    }
    if (option?.payload === 'no') {
      declineReply(turn);
      return null;
    }
    if (option || text === null) return UNKNOWN_OPTION;
    // another bubble of the same message ("Pak jalannya" / "masih rusak"): added to it, asked again
    offerReply(turn, { message: text });
    return null;
  },
};
