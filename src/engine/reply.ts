// Answering an agency's response. After one (`replyTo`), a message is posted to LAPOR! only once the
// citizen said it is an answer: thanks and greetings are not, a new story is a new report.
import type { Attachment } from '../core/messages.js';
import type { NlpResult } from '../core/nlp.js';
import { REPORT_INTENTS } from '../core/taxonomy.js';
import type { Flows } from './flow-schema.js';
import { ask, repeatPending } from './moves.js';
import { renderNotification } from './notifications.js';
import type { ReplyDraft } from './state.js';
import { codePoints, normalizeWords } from './text.js';
import { reply, t, type Turn } from './turn.js';

/** A report intent at least this sure, in a text at least this long, is a new report, not an answer. */
export const NEW_REPORT_MIN_SCORE = 0.8;
export const NEW_REPORT_MIN_CHARS = 60;

/** Words, with emoji as words of their own and other punctuation dropped. */
const tokens = (text: string): string[] =>
  normalizeWords(text)
    .replace(/(\p{Extended_Pictographic})/gu, ' $1 ')
    .replace(/[^\p{L}\p{N}\p{Extended_Pictographic}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** A whole message that only thanks or acknowledges: "makasih min", "oke siap 👍", "terima kasih atas infonya pak". */
export function isAcknowledgement(flows: Flows, text: string): boolean {
  const { words, fillers } = flows.status.acknowledgements;
  const phrases = words.map(tokens).filter((p) => p.length).sort((a, b) => b.length - a.length);
  const filler = new Set(fillers.flatMap(tokens));
  const said = tokens(text);
  let acknowledged = false;
  for (let i = 0; i < said.length; ) {
    const phrase = phrases.find((p) => p.every((w, j) => said[i + j] === w));
    if (phrase) {
      acknowledged = true;
      i += phrase.length;
    } else if (filler.has(said[i]!)) {
      i += 1;
    } else {
      return false;
    }
  }
  return acknowledged;
}

/** A text that clearly tells a new problem (sure report intent, long), rather than answering the agency. */
export function startsNewReport(text: string, nlp: NlpResult | undefined): boolean {
  return Boolean(
    nlp && REPORT_INTENTS[nlp.intent] && nlp.intentScore >= NEW_REPORT_MIN_SCORE && codePoints(text) >= NEW_REPORT_MIN_CHARS,
  );
}

/** "You're welcome; to answer the agency just write here": nothing is posted, replyTo stays. */
export function thankForReply(turn: Turn): void {
  reply(turn, { text: t(turn, turn.flows.status.texts.reply_thanks, { trackingId: turn.state.replyTo?.trackingId }) });
}

/** Holds the message (or adds to the one held) and asks whether it is an answer to the agency. */
export function offerReply(turn: Turn, add: { message?: string | null; attachment?: Attachment; nlp?: NlpResult }): void {
  const { state, flows } = turn;
  const held: ReplyDraft = state.pending === 'reply_confirm' && state.replyDraft
    ? state.replyDraft
    : { to: state.replyTo!, message: null, attachments: [] };
  if (add.message) held.message = held.message ? `${held.message}\n${add.message}` : add.message;
  if (add.attachment) {
    if (held.attachments.length >= flows.complaint.limits.max_attachments) {
      reply(turn, { text: t(turn, flows.common.texts.attachment_limit, { max: flows.complaint.limits.max_attachments }) });
    } else {
      held.attachments.push(add.attachment);
    }
  }
  if (add.nlp && !held.nlp) held.nlp = add.nlp;
  state.replyDraft = held;
  if (state.pending === 'reply_confirm') return repeatPending(turn);
  ask(turn, 'reply_confirm');
}

/** The citizen said yes: the held message goes to LAPOR! as their answer. */
export function sendReply(turn: Turn): void {
  const { state, flows } = turn;
  const held = state.replyDraft;
  delete state.replyDraft;
  state.pending = null;
  state.attempts = 0;
  if (!held) return; // nothing held (cannot happen with a consistent state): nothing to send
  const message = held.message ?? t(turn, flows.status.texts.reply_attachment_only);
  turn.effects.push({
    type: 'citizen_reply',
    complaintId: held.to.complaintId,
    message,
    ...(held.attachments.length ? { attachments: held.attachments } : {}),
  });
  if (state.replyTo?.complaintId === held.to.complaintId) state.replyTo = null;
  reply(turn, renderNotification(flows, state.language, 'citizen_reply_sent', { trackingId: held.to.trackingId }));
}
