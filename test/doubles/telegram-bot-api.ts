// A fake Telegram Bot API server over real HTTP, for tests of the Telegram adapter.
// grammY talks to it exactly as to api.telegram.org: `new Bot(token, { client: { apiRoot: fake.apiRoot } })`.
//
// It records every call, serves the methods the adapter uses, long-polls getUpdates
// (respecting `offset` like Telegram), delivers updates to a registered webhook by
// POST (with the secret header) instead of getUpdates, stores files for getFile and
// `/file/bot<token>/<path>`, and can fail the next N calls of a method on demand.
//
//   const fake = await FakeTelegramBotApi.start();
//   // TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_ROOT=fake.apiRoot
//   fake.pushText({ id: 5001, first_name: 'Budi' }, '/start');
//   const [question] = await fake.waitForSent(5001);          // what the bot answered
//   fake.pushTap({ id: 5001 }, question.message_id, 'PENGADUAN'); // tap an inline button
//   fake.pushMessage({ id: 5001 }, { location: { latitude: -6.9, longitude: 107.6 } });
//   await fake.stop();
//
// Groups (the officers' chat): `fake.addGroup({ id: -1001, is_forum: true })` makes getChat
// answer for it and, for a forum, createForumTopic / editForumTopic work and messages carry
// message_thread_id; `fake.pushGroupText(-1001, officer, 'text', { replyTo, threadId })`
// is a member writing there (reply_to_message is the replied message, as Telegram sends it).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message, Update, User } from 'grammy/types';

export interface RecordedCall {
  method: string;
  params: Record<string, any>;
  at: number;
}

export interface Failure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** A message the bot sent (sendMessage), as the fake stores it; edits update it in place. */
export type SentMessage = Message & { reply_markup?: any };

/** Update content without update_id: the fake assigns it. */
export type UpdateBody = Omit<Update, 'update_id'>;

const DEFAULT_TOKEN = '123456:TEST-token';

export class FakeTelegramBotApi {
  readonly calls: RecordedCall[] = [];
  /** every message the bot sent, by chat id, oldest first */
  readonly sent = new Map<string, SentMessage[]>();
  readonly me: User & { username: string } = {
    id: 123456, is_bot: true, first_name: 'Lapor Test', username: 'lapor_test_bot',
  };
  webhook: { url: string; secret_token?: string } | null = null;
  /** longest time a getUpdates call is held open, whatever `timeout` asks */
  maxLongPollMs = 300;
  /**
   * Answer failures as some third-party Bot API emulators do: `{ ok: false }` with neither
   * `error_code` nor `description` (grammY's GrammyError then has both undefined).
   */
  bareErrors = false;
  /** every POST to the webhook: update id and the HTTP status it got */
  readonly webhookDeliveries: Array<{ update_id: number; status: number }> = [];

  private server: Server;
  private port = 0;
  private nextUpdateId = 1000;
  private highestUpdateId = 0;
  private nextMessageId = 1;
  private nextFileId = 1;
  private queue: Array<{ update: Update; force: boolean }> = [];
  private pollers = new Set<() => void>();
  private failures = new Map<string, Failure[]>();
  private files = new Map<string, { data: Buffer; file_path: string; file_unique_id: string; serve?: FileServing }>();
  /** bytes of `stream` files written to downloaders so far */
  fileBytesSent = 0;
  private callWaiters = new Set<() => void>();
  private unauthorized = false;
  /** groups the bot is in, by id */
  readonly groups = new Map<string, GroupChat>();
  /** forum topics by chat id: thread id -> topic (its creation message has the thread's id) */
  readonly topics = new Map<string, Map<number, { name: string; icon_color: number }>>();
  /** messages members wrote in groups, by chat id (what a reply_to_message can point at) */
  private groupMessages = new Map<string, Message[]>();

  constructor(readonly token: string = DEFAULT_TOKEN) {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent) this.reply(res, 500, { ok: false, error_code: 500, description: String(err) });
      });
    });
  }

  /** `port`: a fixed one, to come up where a hub already expects the API (default: any free port) */
  static async start(token?: string, opts: { port?: number } = {}): Promise<FakeTelegramBotApi> {
    const fake = new FakeTelegramBotApi(token);
    await new Promise<void>((resolve) => fake.server.listen(opts.port ?? 0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The `apiRoot` to give grammY (no trailing slash). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const wake of this.pollers) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- what tests do -------------------------------------------------------

  /** Queues an update (or POSTs it to the webhook when one is set); returns it with its update_id. */
  pushUpdate(body: UpdateBody): Update {
    const update = { update_id: this.nextUpdateId++, ...body } as Update;
    // what members say in a group can be replied to, like in Telegram (fuzz tests push
    // malformed updates too: only a message with a group chat is remembered)
    const said = update.message as Message | undefined;
    const chat = said && typeof said === 'object' ? (said as { chat?: unknown }).chat as Message['chat'] | undefined : undefined;
    if (said && chat && typeof chat === 'object' && chat.type !== 'private' && chat.type !== undefined
      && !this.groupMessages.get(String(chat.id))?.includes(said)) {
      this.groupMessages.set(String(chat.id), [...(this.groupMessages.get(String(chat.id)) ?? []), said]);
    }
    // an id at or below one already used (after restartUpdateIds) gets through a confirmed offset
    this.enqueue(update, update.update_id <= this.highestUpdateId);
    this.highestUpdateId = Math.max(this.highestUpdateId, update.update_id);
    return update;
  }

  /**
   * Delivers an already delivered update again (even if its offset was confirmed);
   * with `updateId`, under a new update_id (the same message, a different update).
   */
  redeliver(update: Update, opts: { updateId?: number } = {}): Update {
    const again = opts.updateId === undefined ? update : { ...update, update_id: opts.updateId };
    this.enqueue(again, true);
    if (opts.updateId !== undefined && opts.updateId >= this.nextUpdateId) {
      // a new update: it takes its id, as Telegram's sequence would
      this.nextUpdateId = opts.updateId + 1;
      this.highestUpdateId = Math.max(this.highestUpdateId, opts.updateId);
    }
    return again;
  }

  /**
   * The next updates get ids from `next` on, as when Telegram, after a week without
   * updates, picks the next update_id at random: ids already used can come back.
   */
  restartUpdateIds(next: number): void {
    this.nextUpdateId = next;
  }

  /** A private text message from a user (chat id = user id). */
  pushText(from: Partial<User> & { id: number }, text: string): Update {
    const entities = text.startsWith('/')
      ? [{ type: 'bot_command' as const, offset: 0, length: text.split(/\s/)[0]!.length }]
      : undefined;
    return this.pushUpdate({ message: { ...this.envelope(from), text, ...(entities && { entities }) } as any });
  }

  /** A private message of any other kind: `fake.pushMessage(user, { location: {...} })`. */
  pushMessage(from: Partial<User> & { id: number }, content: Record<string, unknown>, chat?: Message['chat']): Update {
    return this.pushUpdate({ message: { ...this.envelope(from, chat), ...content } as any });
  }

  /** The user taps an inline button with `data` under a message the bot sent. */
  pushTap(from: Partial<User> & { id: number }, messageId: number, data: string): Update {
    const message = this.sent.get(String(from.id))?.find((m) => m.message_id === messageId);
    if (!message) throw new Error(`no sent message ${messageId} in chat ${from.id}`);
    return this.pushUpdate({
      callback_query: {
        id: `cb${this.nextUpdateId}`, from: user(from), chat_instance: `ci${from.id}`, data, message,
      },
    } as UpdateBody);
  }

  /** The bot is a member of this group (a supergroup; a forum when `is_forum`). */
  addGroup(group: { id: number; title?: string; is_forum?: boolean }): GroupChat {
    const chat: GroupChat = { id: group.id, type: 'supergroup', title: group.title ?? 'Petugas', ...(group.is_forum ? { is_forum: true } : {}) };
    this.groups.set(String(group.id), chat);
    return chat;
  }

  /**
   * A member writes in a group: `replyTo` a message there (the bot's or a member's), in forum
   * topic `threadId` (without replyTo, Telegram makes it a reply to the topic's creation message).
   */
  pushGroupText(
    chatId: number,
    from: Partial<User> & { id: number },
    text: string,
    opts: { replyTo?: number; threadId?: number } = {},
  ): Update {
    const chat = this.groups.get(String(chatId)) ?? { id: chatId, type: 'supergroup' as const, title: 'Group' };
    const entities = text.startsWith('/')
      ? [{ type: 'bot_command' as const, offset: 0, length: text.split(/\s/)[0]!.length }]
      : undefined;
    const replied = opts.replyTo !== undefined ? this.messageIn(String(chatId), opts.replyTo) : undefined;
    if (opts.replyTo !== undefined && !replied) throw new Error(`no message ${opts.replyTo} in chat ${chatId}`);
    const threadId = opts.threadId ?? (replied as { message_thread_id?: number } | undefined)?.message_thread_id;
    const message = {
      ...this.envelope(from, chat as Message['chat']),
      text,
      ...(entities && { entities }),
      ...(threadId !== undefined && { message_thread_id: threadId, is_topic_message: true }),
      ...(replied ? { reply_to_message: replied } : threadId !== undefined ? { reply_to_message: this.topicCreated(String(chatId), threadId) } : {}),
    } as Message;
    return this.pushUpdate({ message } as UpdateBody);
  }

  /** Stores a file the bot can fetch through getFile; `file_size` may be overridden to lie. */
  addFile(data: Buffer, opts: { file_path?: string; file_size?: number; serve?: FileServing } = {}) {
    const n = this.nextFileId++;
    const file_id = `file${n}`;
    const file_unique_id = `uniq${n}`;
    const file_path = opts.file_path ?? `photos/file_${n}.jpg`;
    this.files.set(file_id, { data, file_path, file_unique_id, serve: opts.serve });
    return { file_id, file_unique_id, file_size: opts.file_size ?? data.length };
  }

  /** The next `count` calls of `method` fail with this error (429, 403, ...). */
  failNext(method: string, failure: Failure, count = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(failure);
    this.failures.set(method, list);
  }

  rateLimitNext(method: string, retryAfterSeconds: number, count = 1): void {
    this.failNext(method, {
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfterSeconds}`,
      parameters: { retry_after: retryAfterSeconds },
    }, count);
  }

  blockNext(method = 'sendMessage', count = 1): void {
    this.failNext(method, { error_code: 403, description: 'Forbidden: bot was blocked by the user' }, count);
  }

  /** Every call from now on answers 401 (a revoked token), or stops doing so. */
  setUnauthorized(on: boolean): void {
    this.unauthorized = on;
  }

  callsOf(method: string): Array<Record<string, any>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.params);
  }

  sentTo(chatId: number | string): SentMessage[] {
    return this.sent.get(String(chatId)) ?? [];
  }

  /** Resolves with the first call (already made or future) of `method` that matches. */
  async waitForCall(
    method: string,
    match: (params: Record<string, any>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Record<string, any>> {
    return this.waitUntil(() => this.callsOf(method).find(match), timeoutMs, `a ${method} call`);
  }

  /** Resolves once `n` messages were sent to the chat, with them. */
  async waitForSent(chatId: number | string, n = 1, timeoutMs = 5000): Promise<SentMessage[]> {
    return this.waitUntil(() => (this.sentTo(chatId).length >= n ? this.sentTo(chatId) : undefined), timeoutMs,
      `${n} message(s) to ${chatId}`);
  }

  private waitUntil<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return false;
        clearTimeout(timer);
        this.callWaiters.delete(wake);
        resolve(found);
        return true;
      };
      const wake = () => void check();
      const timer = setTimeout(() => {
        this.callWaiters.delete(wake);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      if (!check()) this.callWaiters.add(wake);
    });
  }

  // ---- the server ------------------------------------------------------------

  private envelope(from: Partial<User> & { id: number }, chat?: Message['chat']) {
    return {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chat ?? { id: from.id, type: 'private' as const, first_name: from.first_name ?? 'Budi' },
      from: user(from),
    };
  }

  private enqueue(update: Update, force: boolean): void {
    if (this.webhook) {
      void this.postToWebhook(update);
      return;
    }
    this.queue.push({ update, force });
    for (const wake of this.pollers) wake();
  }

  private async postToWebhook(update: Update): Promise<void> {
    const hook = this.webhook!;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (hook.secret_token) headers['x-telegram-bot-api-secret-token'] = hook.secret_token;
    let status = 0;
    try {
      const res = await fetch(hook.url, { method: 'POST', headers, body: JSON.stringify(update) });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = -1;
    }
    this.webhookDeliveries.push({ update_id: update.update_id, status });
    for (const wake of this.callWaiters) wake();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const filePrefix = `/file/bot${this.token}/`;
    if (req.method === 'GET' && url.pathname.startsWith(filePrefix)) {
      const path = decodeURIComponent(url.pathname.slice(filePrefix.length));
      const file = [...this.files.values()].find((f) => f.file_path === path);
      this.calls.push({ method: 'file', params: { path }, at: Date.now() });
      if (!file) return this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      if (file.serve === 'stall') return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).flushHeaders();
      if (file.serve) return this.streamFile(res, file.serve.streamBytes);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.data.length });
      res.end(file.data);
      return;
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = m as unknown as [string, string, string];
    const params = { ...Object.fromEntries(url.searchParams), ...(await readParams(req)) };
    this.calls.push({ method, params, at: Date.now() });
    for (const wake of this.callWaiters) wake();

    if (token !== this.token || this.unauthorized) {
      return this.reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }
    const failure = this.failures.get(method)?.shift();
    if (failure) return this.reply(res, failure.error_code, { ok: false, ...failure });

    const result = await this.handle(method, params, res);
    if (result && typeof result === 'object' && 'error_code' in result) {
      const f = result as Failure;
      return this.reply(res, f.error_code, { ok: false, ...f });
    }
    this.reply(res, 200, { ok: true, result });
  }

  private async handle(method: string, p: Record<string, any>, res: ServerResponse): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return { ...this.me, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'getUpdates':
        return this.getUpdates(p, res);
      case 'setWebhook':
        this.webhook = { url: String(p.url), secret_token: p.secret_token };
        return true;
      case 'deleteWebhook':
        this.webhook = null;
        return true;
      case 'getWebhookInfo':
        return { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.queue.length };
      case 'setMyCommands':
      case 'deleteMyCommands':
      case 'answerCallbackQuery':
      case 'sendChatAction':
        return true;
      case 'sendMessage':
        return this.sendMessage(p);
      case 'getChat':
        return this.getChat(p);
      case 'createForumTopic':
      case 'editForumTopic':
        return this.forumTopic(method, p);
      case 'editMessageText':
      case 'editMessageReplyMarkup':
        return this.edit(method, p);
      case 'getFile': {
        const file = this.files.get(String(p.file_id));
        if (!file) return bad('Bad Request: invalid file_id');
        return { file_id: p.file_id, file_unique_id: file.file_unique_id, file_size: file.data.length, file_path: file.file_path };
      }
      default:
        return { error_code: 404, description: 'Not Found: method not found' };
    }
  }

  private async getUpdates(p: Record<string, any>, res: ServerResponse): Promise<Update[] | Failure> {
    if (this.webhook) {
      return { error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" };
    }
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(Number(p.limit ?? 100), 100);
    const timeoutMs = Math.min(Number(p.timeout ?? 0) * 1000, this.maxLongPollMs);
    const take = () => {
      // like Telegram: an offset confirms (forgets) every update below it
      if (offset > 0) this.queue = this.queue.filter((q) => q.force || q.update.update_id >= offset);
      const ready = this.queue.slice().sort((a, b) => a.update.update_id - b.update.update_id).slice(0, limit);
      // a forced redelivery is delivered once; ordinary updates stay until confirmed
      this.queue = this.queue.filter((q) => !(q.force && ready.includes(q)));
      return ready.map((q) => q.update);
    };
    let updates = take();
    if (updates.length > 0 || timeoutMs <= 0) return updates;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.pollers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.pollers.add(wake);
      res.once('close', wake);
    });
    // the client gave up (grammY aborts getUpdates on stop): deliver nothing to nobody
    if (res.destroyed || res.writableEnded) return [];
    updates = take();
    return updates;
  }

  private sendMessage(p: Record<string, any>): SentMessage | Failure {
    const text = String(p.text ?? '');
    if (!text.trim()) return bad('Bad Request: message text is empty');
    if (text.length > 4096) return bad('Bad Request: message is too long');
    const markup = p.reply_markup;
    for (const row of markup?.inline_keyboard ?? []) {
      for (const b of row) {
        if (b.callback_data !== undefined && Buffer.byteLength(String(b.callback_data)) > 64) {
          return bad('Bad Request: BUTTON_DATA_INVALID');
        }
      }
    }
    const chatId = Number(p.chat_id);
    const group = this.groups.get(String(chatId));
    let threadId = p.message_thread_id === undefined ? undefined : Number(p.message_thread_id);
    if (threadId !== undefined && group?.is_forum && !this.topics.get(String(chatId))?.has(threadId)) {
      return bad('Bad Request: message thread not found');
    }
    if (!group?.is_forum) threadId = undefined; // outside forums Telegram ignores it
    const replyParams = p.reply_parameters ?? (p.reply_to_message_id !== undefined ? { message_id: p.reply_to_message_id } : undefined);
    let replied: Message | undefined;
    if (replyParams) {
      replied = this.messageIn(String(chatId), Number(replyParams.message_id));
      if (!replied && !replyParams.allow_sending_without_reply) return bad('Bad Request: message to be replied not found');
      // a reply in a forum goes to the replied message's topic
      if (replied && group?.is_forum) threadId ??= (replied as { message_thread_id?: number }).message_thread_id;
    }
    const message = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chatId > 0
        ? { id: chatId, type: 'private', first_name: 'Budi' }
        : group ?? { id: chatId, type: 'supergroup', title: 'Group' },
      from: { id: this.me.id, is_bot: true, first_name: this.me.first_name, username: this.me.username },
      text,
      ...(markup && { reply_markup: markup }),
      ...(threadId !== undefined && { message_thread_id: threadId, is_topic_message: true }),
      ...(replied ? { reply_to_message: replied } : threadId !== undefined ? { reply_to_message: this.topicCreated(String(chatId), threadId) } : {}),
    } as SentMessage;
    const list = this.sent.get(String(chatId)) ?? [];
    list.push(message);
    this.sent.set(String(chatId), list);
    for (const wake of this.callWaiters) wake();
    return message;
  }

  private getChat(p: Record<string, any>): unknown {
    const id = Number(p.chat_id);
    if (id > 0) return { id, type: 'private', first_name: 'Budi' };
    const group = this.groups.get(String(id));
    if (!group) return bad('Bad Request: chat not found');
    return { ...group };
  }

  private forumTopic(method: string, p: Record<string, any>): unknown {
    const chatId = String(p.chat_id);
    const group = this.groups.get(chatId);
    if (!group) return bad('Bad Request: chat not found');
    if (!group.is_forum) return bad('Bad Request: the chat is not a forum');
    const topics = this.topics.get(chatId) ?? new Map();
    this.topics.set(chatId, topics);
    if (method === 'editForumTopic') {
      const topic = topics.get(Number(p.message_thread_id));
      if (!topic) return bad('Bad Request: TOPIC_ID_INVALID');
      if (p.name !== undefined) {
        const name = String(p.name);
        if (name.length < 1 || name.length > 128) return bad('Bad Request: TOPIC_NAME_INVALID');
        if (name === topic.name) return bad('Bad Request: TOPIC_NOT_MODIFIED');
        topic.name = name;
      }
      return true;
    }
    const name = String(p.name ?? '');
    if (name.length < 1 || name.length > 128) return bad('Bad Request: TOPIC_NAME_INVALID');
    // the topic's id is the id of its service message "topic created"
    const threadId = this.nextMessageId++;
    const topic = { name, icon_color: 7322096 };
    topics.set(threadId, topic);
    for (const wake of this.callWaiters) wake();
    return { message_thread_id: threadId, ...topic };
  }

  /** The service message that opens a forum topic (what its messages "reply" to). */
  private topicCreated(chatId: string, threadId: number): Message {
    const topic = this.topics.get(chatId)?.get(threadId);
    return {
      message_id: threadId,
      date: Math.floor(Date.now() / 1000),
      chat: this.groups.get(chatId) ?? { id: Number(chatId), type: 'supergroup', title: 'Group' },
      from: { id: this.me.id, is_bot: true, first_name: this.me.first_name, username: this.me.username },
      message_thread_id: threadId,
      is_topic_message: true,
      forum_topic_created: { name: topic?.name ?? 'topic', icon_color: topic?.icon_color ?? 7322096 },
    } as Message;
  }

  /** A message in a chat: one the bot sent or a member wrote. */
  private messageIn(chatId: string, messageId: number): Message | undefined {
    return this.sentTo(chatId).find((m) => m.message_id === messageId)
      ?? this.groupMessages.get(chatId)?.find((m) => m.message_id === messageId);
  }

  private edit(method: string, p: Record<string, any>): SentMessage | Failure {
    const message = this.sentTo(p.chat_id).find((m) => m.message_id === Number(p.message_id));
    if (!message) return bad('Bad Request: message to edit not found');
    if (method === 'editMessageText') {
      if (p.text === message.text && !p.reply_markup && !message.reply_markup) {
        return bad('Bad Request: message is not modified');
      }
      (message as any).text = String(p.text);
    }
    if (p.reply_markup && (p.reply_markup.inline_keyboard?.length ?? 0) > 0) message.reply_markup = p.reply_markup;
    else delete message.reply_markup;
    (message as any).edit_date = Math.floor(Date.now() / 1000);
    return message;
  }

  /** `streamBytes` zero bytes without content-length, as fast as the reader takes them */
  private streamFile(res: ServerResponse, total: number): void {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    const chunk = Buffer.alloc(64 * 1024);
    let left = total;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const n = Math.min(left, chunk.length);
        left -= n;
        this.fileBytesSent += n;
        if (!res.write(chunk.subarray(0, n))) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    if (status >= 400 && this.bareErrors) body = { ok: false };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

/** A group the bot is in, as getChat describes it. */
export type GroupChat = { id: number; type: 'supergroup'; title: string; is_forum?: true };

/** how `/file/...` serves a file: its bytes (default), never a byte after the headers, or a stream of zeros */
export type FileServing = 'stall' | { streamBytes: number };

function bad(description: string): Failure {
  return { error_code: 400, description };
}

function user(from: Partial<User> & { id: number }): User {
  return { is_bot: false, first_name: 'Budi', ...from };
}

/** JSON, urlencoded or multipart bodies; objects sent as JSON strings in forms are parsed back. */
async function readParams(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (body.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(body.toString('utf8'));
  let form: Iterable<[string, unknown]>;
  if (type.includes('application/x-www-form-urlencoded')) {
    form = new URLSearchParams(body.toString('utf8'));
  } else if (type.includes('multipart/form-data')) {
    form = (await new Response(body, { headers: { 'content-type': type } }).formData()) as unknown as Iterable<[string, unknown]>;
  } else {
    return {};
  }
  const params: Record<string, any> = {};
  for (const [key, value] of form) {
    if (typeof value !== 'string') {
      params[key] = value; // an uploaded file (Blob)
      continue;
    }
    params[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return params;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
