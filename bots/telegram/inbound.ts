// Telegram update -> where it goes and what the citizen did. Pure: no API calls here;
// media is only described (MediaRef) and fetched by media.ts.
import type { Message, Update, User, UserFromGetMe } from 'grammy/types';
import { MEDIA_LIMITS } from '../../src/core/channel.js';
import type { InboundContent, InboundMessage } from '../../src/core/messages.js';
import type { Language } from '../../src/core/taxonomy.js';
import { COMMAND_NAMES } from './commands.js';
import { isOfficerCommandText } from './officer-chat.js';

/** A photo or document to download before it becomes an attachment. */
export interface MediaRef {
  fileId: string;
  fileSize?: number;
  filename: string;
  mimeType: string;
  caption?: string;
}

export type Content = InboundContent | { kind: 'media'; media: MediaRef };

export type Route =
  /** not for the engine (group chatter, live-location updates, ...) */
  | { to: 'ignore' }
  /**
   * the officers' group, or an officer command elsewhere: handled by the officer bridge, not
   * the citizen engine; `fallback` is where it goes when the bridge hands it back (a citizen's
   * own words that only look like an officer command)
   */
  | { to: 'officer'; fallback?: CitizenRoute }
  | CitizenRoute;

export type CitizenRoute = { to: 'citizen'; chatId: string; platformId: string; from: User; content: Content; receivedAt: Date };

/**
 * The dedupe key (InboundMessage.platformMessageId) of what the citizen did, from ids
 * Telegram keeps with the content: a message is (chat, message_id), an edit adds its
 * edit_date, a button tap has its own id. Not update_id: after a week without updates
 * Telegram picks the next update_id at random, so an old id can come back.
 */
export function platformIdOf(update: Update): string | undefined {
  if (update.callback_query) return `c${update.callback_query.id}`;
  if (update.message) return `m${update.message.chat.id}:${update.message.message_id}`;
  const edited = update.edited_message;
  if (edited) return `e${edited.chat.id}:${edited.message_id}:${edited.edit_date}`;
  return undefined;
}

export function route(update: Update, me: UserFromGetMe, officerChatId?: string): Route {
  const base = baseRoute(update, me, officerChatId);
  // outside the officers' chat: the bridge answers officer commands (acts for a linked
  // officer, refuses anyone else), never the citizen engine
  const text = update.message?.from ? update.message.text : undefined;
  if (base.to !== 'officer' && text !== undefined && isOfficerCommandText(text, me)) {
    return base.to === 'citizen' ? { to: 'officer', fallback: base } : { to: 'officer' };
  }
  return base;
}

function baseRoute(update: Update, me: UserFromGetMe, officerChatId?: string): Route {
  const query = update.callback_query;
  if (query) {
    const chat = query.message?.chat;
    if (chat && String(chat.id) === officerChatId) return { to: 'officer' };
    if (chat && chat.type !== 'private') return { to: 'ignore' };
    if (query.data === undefined) return { to: 'ignore' }; // a game button: not ours
    return {
      to: 'citizen', chatId: String(chat?.id ?? query.from.id), platformId: platformIdOf(update)!, from: query.from,
      content: { kind: 'payload', payload: query.data }, receivedAt: new Date(),
    };
  }

  const edited = update.edited_message;
  const message = update.message ?? edited;
  if (!message?.from) return { to: 'ignore' }; // channel posts, anonymous group admins
  const chatId = String(message.chat.id);
  if (chatId === officerChatId) return { to: 'officer' };
  const citizen = (content: Content): Route => ({
    to: 'citizen', chatId, platformId: platformIdOf(update)!, from: message.from!, content,
    receivedAt: sentAt(message.date),
  });

  if (message.chat.type !== 'private') {
    // answering every group message would be spam: only when the bot is addressed,
    // and then the engine's answer asks to continue in a private chat
    if (edited || !addressesBot(message, me)) return { to: 'ignore' };
    return citizen({ kind: 'unsupported', what: 'group' });
  }
  if (edited) {
    // a live location moving is an edit too: not something the citizen said
    if (edited.location) return { to: 'ignore' };
    return citizen({ kind: 'unsupported', what: 'edited' });
  }
  return citizen(contentOf(message, me));
}

export function contentOf(message: Message, me: UserFromGetMe): Content {
  if (message.text !== undefined) return { kind: 'text', text: stripBotName(message.text, me) };
  if (message.venue) {
    const { location, title, address } = message.venue;
    return {
      kind: 'location',
      location: { latitude: location.latitude, longitude: location.longitude },
      address: [title, address].filter(Boolean).join(', '),
    };
  }
  if (message.location) {
    return { kind: 'location', location: { latitude: message.location.latitude, longitude: message.location.longitude } };
  }
  const caption = message.caption;
  if (message.photo && message.photo.length > 0) {
    const largest = message.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    return media({
      fileId: largest.file_id, fileSize: largest.file_size,
      filename: `photo_${largest.file_unique_id}.jpg`, mimeType: 'image/jpeg', caption,
    });
  }
  if (message.sticker) return { kind: 'unsupported', what: 'sticker' };
  // an animation (GIF) also carries a `document`: check it first
  if (message.animation || message.video || message.video_note) return { kind: 'unsupported', what: 'video' };
  if (message.voice || message.audio) return { kind: 'unsupported', what: 'voice' };
  if (message.contact) return { kind: 'unsupported', what: 'contact' };
  if (message.document) {
    const doc = message.document;
    const mimeType = doc.mime_type ?? mimeFromName(doc.file_name);
    if (!mimeType || !(MEDIA_LIMITS.mimeTypes as readonly string[]).includes(mimeType)) {
      return { kind: 'unsupported', what: 'bad_type' };
    }
    return media({
      fileId: doc.file_id, fileSize: doc.file_size,
      filename: doc.file_name ?? `document_${doc.file_unique_id}.${EXTENSIONS[mimeType]}`, mimeType, caption,
    });
  }
  return { kind: 'unsupported', what: 'other' };
}

function media(ref: MediaRef): Content {
  // check the size Telegram states before downloading anything
  if (ref.fileSize !== undefined && ref.fileSize > MEDIA_LIMITS.maxBytes) return { kind: 'unsupported', what: 'too_large' };
  if (ref.caption === undefined) delete ref.caption;
  return { kind: 'media', media: ref };
}

/** In a group: a @mention of the bot, a reply to it, or a command meant for it. */
export function addressesBot(message: Message, me: UserFromGetMe): boolean {
  if (message.reply_to_message?.from?.id === me.id) return true;
  const text = message.text ?? message.caption ?? '';
  const username = me.username.toLowerCase();
  for (const e of message.entities ?? message.caption_entities ?? []) {
    const part = text.slice(e.offset, e.offset + e.length).toLowerCase();
    if (e.type === 'mention' && part === `@${username}`) return true;
    if (e.type === 'text_mention' && e.user.id === me.id) return true;
    if (e.type === 'bot_command' && e.offset === 0) {
      const [command, target] = part.slice(1).split('@');
      // a bare command goes to every bot in the group: claim only our own commands
      if (target ? target === username : COMMAND_NAMES.includes(command!)) return true;
    }
  }
  return false;
}

/** `/start@lapor_bot lapor` -> `/start lapor`: the engine knows commands, not bot names. */
function stripBotName(text: string, me: UserFromGetMe): string {
  const match = /^(\/\w+)@(\w+)/.exec(text);
  if (match && match[2]!.toLowerCase() === me.username.toLowerCase()) return match[1]! + text.slice(match[0].length);
  return text;
}

/** When Telegram says a message was sent; the hub's clock when that is missing or no real date. */
function sentAt(unixSeconds: unknown): Date {
  const at = typeof unixSeconds === 'number' ? new Date(unixSeconds * 1000) : new Date(Number.NaN);
  return Number.isNaN(at.getTime()) ? new Date() : at;
}

export function senderOf(from: User): InboundMessage['sender'] {
  const sender: InboundMessage['sender'] = { externalId: String(from.id) };
  // what an emulator or a forged webhook sends need not match the Bot API's types: strings only
  const displayName = [from.first_name, from.last_name].filter((part) => typeof part === 'string').join(' ').trim();
  if (displayName) sender.displayName = displayName;
  const language = languageOf(from.language_code);
  if (language) sender.language = language;
  return sender;
}

export function languageOf(code: unknown): Language | undefined {
  if (typeof code !== 'string' || !code) return undefined;
  const lower = code.toLowerCase();
  if (lower === 'id' || lower.startsWith('id-')) return 'id';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf',
};

function mimeFromName(name: string | undefined): string | undefined {
  const ext = name?.split('.').pop()?.toLowerCase();
  if (!ext) return undefined;
  if (ext === 'jpeg') return 'image/jpeg';
  return Object.keys(EXTENSIONS).find((mime) => EXTENSIONS[mime] === ext);
}
