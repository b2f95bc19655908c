// The Telegram side of the officers' chat: posting to the group (in a report's forum topic,
// or as a reply to its announcement), creating topics, and reading what officers write.
// It translates (the shapes are the hub's: src/hub/officers/officer-chat-port.ts); the hub's
// bridge decides what to say.
import type { Api } from 'grammy';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import type { OfficerChatApi, OfficerInput } from '../../src/hub/officers/officer-chat-port.js';
import { toChannelError } from './errors.js';
import { MAX_TEXT } from './outbound.js';

export type { OfficerChatApi, OfficerInput };

/** The longest forum topic name Telegram accepts. */
export const MAX_TOPIC_NAME = 128;

export function officerChatApi(api: Api): OfficerChatApi {
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      throw toChannelError(err);
    }
  };
  return {
    isForum: (chatId) => call(async () => {
      const chat = await api.getChat(chatId);
      return chat.type === 'supergroup' && (chat as { is_forum?: boolean }).is_forum === true;
    }),
    createTopic: (chatId, name) => call(async () => (await api.createForumTopic(chatId, name.slice(0, MAX_TOPIC_NAME))).message_thread_id),
    renameTopic: (chatId, threadId, name) => call(async () => void (await api.editForumTopic(chatId, threadId, { name: name.slice(0, MAX_TOPIC_NAME) }))),
    post: (chatId, text, where = {}) => call(async () => {
      const sent = await api.sendMessage(chatId, text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text, {
        link_preview_options: { is_disabled: true },
        ...(where.threadId ? { message_thread_id: where.threadId } : {}),
        // a deleted announcement must not stop the post: it then stands alone
        ...(where.replyTo ? { reply_parameters: { message_id: where.replyTo, allow_sending_without_reply: true } } : {}),
      });
      return sent.message_id;
    }),
  };
}

/** The officers' commands; `status` and `bantuan` are also the citizen's (their bot menu). */
export const OFFICER_COMMANDS = ['balas', 'status', 'ambil', 'tugas', 'bantuan'] as const;
export type OfficerCommand = (typeof OFFICER_COMMANDS)[number];

/** `/cmd`, `/cmd@thisbot` (a command for another bot is not ours: undefined). */
export function commandOf(text: string, me: Pick<UserFromGetMe, 'username'>): { name: string; args: string } | undefined {
  const match = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  if (match[2] && match[2].toLowerCase() !== me.username.toLowerCase()) return undefined;
  return { name: match[1]!.toLowerCase(), args: (match[3] ?? '').trim() };
}

/**
 * Outside the officers' chat, which messages are officer commands (a linked officer's, or
 * someone to refuse): /balas, /ambil, /tugas, and /status with a status word after the
 * tracking number (a citizen's /status has the number only).
 */
export function isOfficerCommandText(text: string, me: Pick<UserFromGetMe, 'username'>): boolean {
  const command = commandOf(text, me);
  if (!command) return false;
  if (command.name === 'balas' || command.name === 'ambil' || command.name === 'tugas') return true;
  return command.name === 'status' && command.args.split(/\s+/).filter(Boolean).length >= 2;
}

/** The officer's message, or undefined for what the bridge does not read (edits, service messages, media). */
export function officerInputOf(update: Update, me: Pick<UserFromGetMe, 'id' | 'username'>): OfficerInput | undefined {
  const message: Message | undefined = update.message;
  if (!message?.from || message.from.is_bot) return undefined;
  const reply = message.reply_to_message;
  // a photo, file or sticker: only its reply matters (the bridge relays text only)
  const media = typeof message.text !== 'string';
  const text = typeof message.text === 'string' ? message.text : '';
  if (media ? !reply : !text.trim()) return undefined;
  // in a forum topic every message "replies" to the topic's service message: that is no answer
  const replyTo = reply && !reply.forum_topic_created && !(message.is_topic_message && reply.message_id === message.message_thread_id)
    ? reply.message_id : undefined;
  const command = media ? undefined : commandOf(text, me);
  const { id, first_name, last_name, username } = message.from;
  return {
    chatId: String(message.chat.id),
    chatType: message.chat.type,
    messageId: message.message_id,
    from: { id, first_name, ...(last_name ? { last_name } : {}), ...(username ? { username } : {}) },
    text: text.trim(),
    ...(media ? { media: true } : {}),
    ...(replyTo !== undefined ? { replyToMessageId: replyTo } : {}),
    ...(replyTo !== undefined && reply?.from?.id === me.id ? { replyToBotAt: reply.date } : {}),
    ...(message.is_topic_message && message.message_thread_id ? { threadId: message.message_thread_id } : {}),
    ...(command ? { command } : {}),
  };
}
