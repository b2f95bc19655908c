// A stored reply -> the Cloud API messages that carry it, within Meta's limits (limits.ts):
// - a location question: location_request_message (the "Send location" button);
// - up to 3 options with titles of at most 20 characters: reply buttons;
// - up to 10 options: a list (longer titles cut to 24 with the whole title as description);
// - more than 10 (the 13 categories): numbered text. One list holds 10 rows at most; splitting
//   the options into two lists would take two messages (WhatsApp's pair rate is about one per
//   6 s per user) and give the citizen two "Pilih" buttons for one question. Numbered lines go
//   out as one message, and the engine takes the number, the words or a close match.
// A body longer than an interactive message allows goes first as text, and the question's
// last paragraph rides with the buttons.
import { withNumberedOptions } from '../../src/core/numbered-options.js';
import type { QuickReply, Reply } from '../../src/core/messages.js';
import { LIMITS } from './limits.js';

/** A Cloud API message body without `messaging_product` (the client adds it). */
export type CloudMessageBody = Record<string, unknown> & { to: string; type: string };

/** The payload the engine offers for "share my location"; the request button replaces it. */
const SHARE_LOCATION = 'share_location';
const LIST_BUTTON = 'Pilih / Choose';
const LIST_SECTION = 'Pilihan / Options';
const CHOOSE_ONE = 'Pilih salah satu / Choose one:';

export function renderReply(to: string, reply: Pick<Reply, 'text' | 'quickReplies' | 'expects'>): CloudMessageBody[] {
  const options = reply.quickReplies ?? [];
  if (reply.expects?.type === 'location') return locationRequest(to, reply.text, options);
  if (options.length === 0) return texts(to, reply.text);
  if (fitsButtons(options)) {
    return withInteractiveBody(to, reply.text, (body) => ({
      type: 'button',
      body: { text: body },
      action: { buttons: options.map((o) => ({ type: 'reply', reply: { id: o.payload, title: o.title } })) },
    }));
  }
  if (fitsList(options)) {
    return withInteractiveBody(to, reply.text, (body) => ({
      type: 'list',
      body: { text: body },
      action: { button: LIST_BUTTON, sections: [{ title: LIST_SECTION, rows: options.map(row) }] },
    }));
  }
  return texts(to, withNumberedOptions(reply));
}

function fitsButtons(options: QuickReply[]): boolean {
  const titles = new Set(options.map((o) => o.title));
  return options.length <= LIMITS.buttons && titles.size === options.length
    && options.every((o) => o.title.length >= 1 && o.title.length <= LIMITS.buttonTitle && o.payload.length <= LIMITS.buttonId);
}

function fitsList(options: QuickReply[]): boolean {
  const ids = new Set(options.map((o) => o.payload));
  return options.length <= LIMITS.rows && ids.size === options.length
    && options.every((o) => o.title.length >= 1 && o.payload.length <= LIMITS.rowId);
}

/** A row's title within 24 characters; a longer title is shown whole as the description. */
function row(option: QuickReply): Record<string, string> {
  if (option.title.length <= LIMITS.rowTitle) return { id: option.payload, title: option.title };
  return { id: option.payload, title: cut(option.title, LIMITS.rowTitle), description: cut(option.title, LIMITS.rowDescription) };
}

function locationRequest(to: string, text: string, options: QuickReply[]): CloudMessageBody[] {
  const others = options.filter((o) => o.payload !== SHARE_LOCATION);
  const body = others.length ? `${text}\n\n${others.map((o) => `• ${o.title}`).join('\n')}` : text;
  return withInteractiveBody(to, body, (part) => ({
    type: 'location_request_message',
    body: { text: part },
    action: { name: 'send_location' },
  }));
}

/** One interactive message when the body fits; else the text first and its last paragraph with the options. */
function withInteractiveBody(to: string, text: string, interactive: (body: string) => Record<string, unknown>): CloudMessageBody[] {
  if (text.length <= LIMITS.interactiveBody) return [{ to, type: 'interactive', interactive: interactive(text) }];
  const cutAt = text.lastIndexOf('\n\n');
  const last = cutAt > 0 ? text.slice(cutAt + 2).trim() : '';
  const [lead, body] = last && last.length <= LIMITS.interactiveBody ? [text.slice(0, cutAt), last] : [text, CHOOSE_ONE];
  return [...texts(to, lead), { to, type: 'interactive', interactive: interactive(body) }];
}

function texts(to: string, text: string): CloudMessageBody[] {
  return splitText(text, LIMITS.text).map((part) => ({ to, type: 'text', text: { body: part, preview_url: false } }));
}

/** Parts of at most `max` characters, cut at a paragraph, a line or a space where one is near. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const at = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i > max / 2) ?? max;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

/** At most `max` characters, an ellipsis marking a cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
