// What the officers' bridge needs from a chat platform, and what it reads from it: the adapter
// (bots/telegram/) translates its platform's updates into OfficerInput and implements
// OfficerChatApi; the hub decides what to say and do.

/** What the bridge needs from one bot for its officers' chat (and private chats with officers). */
export interface OfficerChatApi {
  /** is the chat a forum supergroup (one topic per report)? */
  isForum(chatId: string): Promise<boolean>;
  /** a new topic; its message_thread_id */
  createTopic(chatId: string, name: string): Promise<number>;
  /** a topic's new name */
  renameTopic(chatId: string, threadId: number, name: string): Promise<void>;
  /** a text message; its message_id. Throws ChannelError (retry / permanent / blocked). */
  post(chatId: string, text: string, where?: { threadId?: number | null; replyTo?: number | null }): Promise<number>;
}

/** One thing an officer (or someone posing as one) wrote, as the bridge reads it. */
export interface OfficerInput {
  chatId: string;
  chatType: 'private' | 'group' | 'supergroup' | 'channel';
  /** the message, for replies and the dedupe key */
  messageId: number;
  from: { id: number; first_name: string; last_name?: string; username?: string };
  text: string;
  /** the message this one answers (not the forum's topic-created service message) */
  replyToMessageId?: number;
  /** not text (a photo, a file, a sticker): the bridge relays text only */
  media?: boolean;
  /** the answered message is this bot's, sent at this time (unix seconds) */
  replyToBotAt?: number;
  /** the forum topic it was written in */
  threadId?: number;
  /** a command for this bot: its name (lower case) and the rest of the text */
  command?: { name: string; args: string };
}

/** Which bot an officer's message came through, and how to answer there. */
export interface OfficerSource {
  integrationId: string;
  /** this bot's officers' chat, if it has one */
  officerChatId?: string;
  chat: OfficerChatApi;
}

/** The bridge's entry: 'citizen' hands the message back to the citizen's engine. */
export type OfficerMessageHandler = (input: OfficerInput, source: OfficerSource) => Promise<void | 'citizen'>;
