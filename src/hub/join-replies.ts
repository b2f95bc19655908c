// One platform message per turn where it fits: a reply that asks nothing (no quick replies, no
// expected answer) is joined into the reply after it, which keeps its buttons, so "Oke, saya
// catat…" and "Kapan kejadiannya?" arrive as one message. Pure: no I/O.
import type { OutboundMessage } from '../core/messages.js';

export const JOIN_SEPARATOR = '\n\n';

export interface Joined<T> {
  /** what the adapter sends: the last item's id, time, buttons and expectation; the texts joined */
  message: OutboundMessage;
  /** the items it carries, in order */
  rows: T[];
}

const asksNothing = (m: OutboundMessage) => !m.quickReplies?.length && !m.expects;

/**
 * Groups consecutive messages: each group is one platform message. `maxTextLength` undefined
 * (the platform has no limit we know of, or the channel prefers separate messages): no joining.
 * A joined text never exceeds maxTextLength; a single longer message stays as it is (the
 * adapter splits it).
 */
export function joinReplies<T>(items: { row: T; message: OutboundMessage }[], maxTextLength: number | undefined): Joined<T>[] {
  const groups: Joined<T>[] = [];
  for (const { row, message } of items) {
    const open = groups.at(-1);
    if (
      open && maxTextLength !== undefined && asksNothing(open.message)
      && open.message.text.length + JOIN_SEPARATOR.length + message.text.length <= maxTextLength
    ) {
      open.message = { ...message, text: [open.message.text, message.text].filter(Boolean).join(JOIN_SEPARATOR) };
      open.rows.push(row);
    } else {
      groups.push({ message, rows: [row] });
    }
  }
  return groups;
}
