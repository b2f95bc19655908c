// OutboundMessage -> the sendMessage calls that show it. Pure.
//
// One Telegram message carries one reply_markup, so:
// - quick replies become an inline keyboard (callback_data = payload) on the last part;
// - a location question gets a one-time reply keyboard with a request_location button
//   on the last part, and its other quick replies (if any) follow in a second message
//   "⬇️" with the inline keyboard. The `share_location` quick reply (what a web client
//   turns into a map) is the request_location button here, so it is not repeated inline,
//   and its title (in the conversation's language: OutboundMessage has no language of its
//   own) labels the button; without it the label is the default language's;
// - a reply keyboard left open by a location question is removed by the next message
//   that has no keyboard of its own.
import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'grammy/types';
import { ChannelError } from '../../src/core/channel.js';
import type { QuickReply, Reply } from '../../src/core/messages.js';

export const MAX_TEXT = 4096;
export const MAX_CALLBACK_DATA_BYTES = 64;
/** the request_location button's label when the message has no share_location quick reply */
export const SHARE_LOCATION_LABEL = '📍 Kirim lokasi';
const SHARE_LOCATION_PAYLOAD = 'share_location';
const PIN = '📍';

export interface Part {
  text: string;
  reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;
}

export interface Rendered {
  parts: Part[];
  /** whether a reply keyboard stays open in the chat after these parts */
  replyKeyboardOpen: boolean;
}

export function render(message: Reply, replyKeyboardOpen: boolean): Rendered {
  const parts: Part[] = splitText(message.text).map((text) => ({ text }));
  const last = parts[parts.length - 1]!;
  const quick = message.quickReplies ?? [];

  if (message.expects?.type === 'location') {
    const title = quick.find((q) => q.payload === SHARE_LOCATION_PAYLOAD)?.title.trim();
    const label = !title ? SHARE_LOCATION_LABEL : title.startsWith(PIN) ? title : `${PIN} ${title}`;
    last.reply_markup = {
      keyboard: [[{ text: label, request_location: true }]],
      resize_keyboard: true,
      one_time_keyboard: true,
    };
    const others = quick.filter((q) => q.payload !== SHARE_LOCATION_PAYLOAD);
    if (others.length > 0) parts.push({ text: '⬇️', reply_markup: inlineKeyboard(others) });
    return { parts, replyKeyboardOpen: true };
  }
  if (quick.length > 0) {
    last.reply_markup = inlineKeyboard(quick);
    return { parts, replyKeyboardOpen };
  }
  if (replyKeyboardOpen) {
    last.reply_markup = { remove_keyboard: true };
    return { parts, replyKeyboardOpen: false };
  }
  return { parts, replyKeyboardOpen: false };
}

/** Short titles three to a row, longer ones two, long ones alone (13 categories fit). */
export function inlineKeyboard(quick: QuickReply[]): InlineKeyboardMarkup {
  const longest = Math.max(...quick.map((q) => q.title.length));
  const perRow = longest <= 12 ? 3 : longest <= 24 ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < quick.length; i += perRow) {
    rows.push(quick.slice(i, i + perRow).map((q) => {
      if (Buffer.byteLength(q.payload) > MAX_CALLBACK_DATA_BYTES) {
        throw new ChannelError('permanent', `quick reply payload over ${MAX_CALLBACK_DATA_BYTES} bytes: ${q.payload.slice(0, 20)}…`);
      }
      return { text: q.title, callback_data: q.payload };
    }));
  }
  return { inline_keyboard: rows };
}

/** Splits at a line break, else a space, else hard; never inside a surrogate pair. */
export function splitText(text: string, max = MAX_TEXT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  parts.push(rest);
  return parts;
}
