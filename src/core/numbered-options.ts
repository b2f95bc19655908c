// Quick replies as numbered lines, for channels without reliable buttons (WhatsApp Web, and
// WhatsApp Cloud where a list cannot hold them). The engine takes the number, the option's
// words or a close match, in the order of `quickReplies`: the numbering here is that order.
import type { Reply } from './messages.js';

/** The reply's text followed by "1. …" lines; the text alone when it offers no options. */
export function withNumberedOptions(reply: Pick<Reply, 'text' | 'quickReplies'>): string {
  const options = reply.quickReplies ?? [];
  if (options.length === 0) return reply.text;
  const lines = options.map((option, index) => `${index + 1}. ${option.title}`);
  return `${reply.text}\n\n${lines.join('\n')}`;
}
