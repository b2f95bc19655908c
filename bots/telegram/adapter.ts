// The Telegram channel: a grammY bot that turns updates into InboundMessages for the
// hub and delivers the hub's OutboundMessages. It translates; it never decides what to say.
import { setTimeout as delay } from 'node:timers/promises';
import { timingSafeEqual } from 'node:crypto';
import { autoRetry } from '@grammyjs/auto-retry';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { apiThrottler, type APIThrottlerOptions } from '@grammyjs/transformer-throttler';
import express, { type RequestHandler } from 'express';
import { Bot, BotError } from 'grammy';
import pRetry from 'p-retry';
import type { CallbackQuery, Update } from 'grammy/types';
import type { ChannelAdapter, ChannelHealth, ChannelLogger, InboundHandler, MediaStore, WebhookInbox } from '../../src/core/channel.js';
import { MAX_WEBHOOK_DEPTH, nestsDeeperThan } from '../../src/core/json-depth.js';
import type { InboundContent, InboundMessage, OutboundMessage } from '../../src/core/messages.js';
import { COMMANDS_EN, COMMANDS_ID } from './commands.js';
import { describeError, safeError, toChannelError } from './errors.js';
import { DEFAULT_RETRY, untilHandled, type RetryPolicy } from './handover.js';
import { HealthTracker } from './health.js';
import { route, senderOf } from './inbound.js';
import { download } from './media.js';
import { chatKeyOf, isReadableUpdate } from './update-shape.js';
import { MAX_TEXT, render } from './outbound.js';
import type { OfficerChatApi, OfficerMessageHandler, OfficerSource } from '../../src/hub/officers/officer-chat-port.js';
import { officerChatApi, officerInputOf } from './officer-chat.js';

export type Logger = ChannelLogger;

export interface TelegramAdapterOptions {
  integrationId: string;
  token: string;
  /** Bot API root without trailing slash (default https://api.telegram.org): every call and file download uses it */
  apiRoot?: string;
  mode: 'polling' | 'webhook';
  /** webhook mode: the public URL Telegram posts to (PUBLIC_URL + /webhooks/telegram) */
  webhookUrl?: string;
  /** webhook mode: the path it is served at (default /webhooks/telegram; a bot added through the
   *  admin API has its own, /webhooks/telegram/<integration id>) */
  webhookPath?: string;
  /** webhook mode: checked against X-Telegram-Bot-Api-Secret-Token */
  webhookSecret?: string;
  /**
   * webhook mode (required there): where a posted update is stored before Telegram gets its
   * 200; the queue hands it back to processWebhook, one chat's updates in order
   */
  inbox?: WebhookInbox;
  onInbound: InboundHandler;
  media: MediaStore;
  logger?: Logger;
  /** the officers' group: its updates go to onOfficerMessage, never to the citizen engine */
  officerChatId?: string;
  /**
   * the officer bridge: updates of the officers' chat, and officer commands from elsewhere;
   * 'citizen' hands an update back to the citizen path (a citizen's /status with two words).
   * Without it the officers' chat is ignored.
   */
  onOfficerMessage?: OfficerMessageHandler;
  /** getUpdates long-poll timeout in seconds (default 30) */
  pollTimeoutSeconds?: number;
  /** transformer-throttler limits (default: its Telegram-sized defaults, 1 msg/s per chat) */
  throttle?: APIThrottlerOptions;
  /** longest 429 retry_after auto-retry sleeps through; longer waits go back to the outbox as ChannelError('retry') */
  maxRetryAfterSeconds?: number;
  /** polling: how long an update the hub failed to take is tried again (default 1 s doubling to 60 s, for 10 min) */
  inboundRetry?: Partial<RetryPolicy>;
  /** getFile plus the file download of one photo or document (default 8 s) */
  fileTimeoutMs?: number;
  /** start-up while the Bot API is unreachable: tried again after 1 s, doubling (jittered) to 60 s */
  startRetry?: { minDelayMs?: number; maxDelayMs?: number };
}


export interface TelegramAdapter extends ChannelAdapter {
  /** the officers' chat of this bot (TELEGRAM_OFFICER_CHAT_ID), if any */
  readonly officerChatId?: string;
  /** posting to the officers' chat through this bot (throttled and retried like every call) */
  readonly officerChat: OfficerChatApi;
  /**
   * POST /webhooks/telegram: checks the secret header (401), parses JSON itself if needed (400),
   * stores the update in the inbox and answers 200; it is processed later, from the queue.
   */
  webhookHandler(): RequestHandler;
  /** A stored update, from the queue: throws when it was not handed over (the queue retries it). */
  processWebhook(payload: unknown): Promise<void>;
  /** the grammY bot, for the officer bridge to share (one bot token, one getUpdates consumer) */
  readonly bot: Bot;
}

const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;
/** stop(): how long to wait for updates still being handed over */
const STOP_DRAIN_MS = 10_000;

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Every line names the integration. Lines carry ids of updates, never chat ids, texts or
 * raw errors (safeError): a citizen's chat id is personal data.
 */
function tagged(logger: Logger, integrationId: string): Logger {
  return {
    debug: (obj, msg) => logger.debug({ integrationId, ...obj }, msg),
    info: (obj, msg) => logger.info({ integrationId, ...obj }, msg),
    warn: (obj, msg) => logger.warn({ integrationId, ...obj }, msg),
    error: (obj, msg) => logger.error({ integrationId, ...obj }, msg),
  };
}

/** Constant-time comparison of the webhook secret header. */
function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  const inbox = options.inbox;
  if (options.mode === 'webhook' && !inbox) throw new Error('Telegram webhook mode needs an inbox to store updates in');
  const apiRoot = (options.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
  const log = tagged(options.logger ?? silent, options.integrationId);
  const retryPolicy: RetryPolicy = { ...DEFAULT_RETRY, ...options.inboundRetry };
  const health = new HealthTracker();
  const bot = new Bot(options.token, { client: { apiRoot } });
  const officerChat = officerChatApi(bot.api);

  // Transformers run last-installed first: health sees final results; the throttler
  // queues per chat; auto-retry sits innermost so a 429 wait keeps the chat's slot
  // (later messages to that chat cannot overtake it). Network errors and 5xx are not
  // retried here: the outbox (send) and the runner (getUpdates) retry those themselves.
  bot.api.config.use(autoRetry({
    maxRetryAttempts: 5,
    maxDelaySeconds: options.maxRetryAfterSeconds ?? 60,
    rethrowHttpErrors: true,
    rethrowInternalServerErrors: true,
  }));
  bot.api.config.use(apiThrottler(options.throttle));
  bot.api.config.use(health.transformer());

  let runner: RunnerHandle | undefined;
  let displayName = 'Telegram';
  let webhook: RequestHandler | undefined;
  /** chats where a location question left a reply keyboard open (lost on restart: harmless) */
  const replyKeyboardOpen = new Set<string>();
  /** aborted by stop(): retry waits end, and no update is retried after it */
  let lifecycle = new AbortController();
  /** updates being handled (waiting for their chat's turn included), for stop() to drain */
  const inFlight = new Set<Promise<unknown>>();

  bot.use((_ctx, next) => {
    const task = next();
    inFlight.add(task);
    const done = () => void inFlight.delete(task);
    task.then(done, done);
    return task;
  });
  // updates of one chat are handled one after the other, chats in parallel
  bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? '')));
  bot.use((ctx) => handleUpdate(ctx.update));
  // polling only (the runner reports here; citizens' updates do not fail, they are retried):
  // in webhook mode processWebhook throws and the queue runs the stored update again
  bot.catch((err) => log.error({ updateId: err.ctx.update.update_id, err: safeError(err.error) }, 'telegram update failed'));

  async function handleUpdate(update: Update): Promise<void> {
    if (!isReadableUpdate(update)) {
      log.warn({ updateId: update.update_id }, 'telegram update ignored: its fields do not have the Bot API types');
      return;
    }
    let target = route(update, bot.botInfo, options.officerChatId);
    if (target.to === 'officer') {
      const outcome = options.onOfficerMessage ? await toOfficers(update, options.onOfficerMessage) : 'citizen';
      if (outcome !== 'citizen' || !target.fallback) {
        if (update.callback_query) await acknowledge(update.callback_query, false); // stops the spinner
        return;
      }
      target = target.fallback;
    }
    if (update.callback_query) await acknowledge(update.callback_query, target.to === 'citizen');
    if (target.to !== 'citizen') return;

    let content: InboundContent | undefined; // downloaded once, whatever happens to the hand-over
    const handOver = async () => {
      content ??= target.content.kind === 'media'
        ? await download(target.content.media, { api: bot.api, token: options.token, apiRoot, timeoutMs: options.fileTimeoutMs }, options.media)
        : target.content;
      const message: InboundMessage = {
        integrationId: options.integrationId,
        channel: 'telegram',
        chatId: target.chatId,
        platformMessageId: target.platformId,
        sender: senderOf(target.from),
        content,
        receivedAt: target.receivedAt,
      };
      await options.onInbound(message);
    };
    // webhook: a failure fails the queue's job, which runs the stored update again
    if (options.mode === 'webhook') return handOver();

    const updateId = update.update_id;
    const outcome = await untilHandled(handOver, retryPolicy, lifecycle.signal, (err, attempt, delayMs) => {
      log.warn({ updateId, attempt, retryInMs: delayMs, err: safeError(err) }, 'telegram update not handed over, retrying');
    });
    if (!outcome.ok) {
      log.error({ updateId, attempts: outcome.attempts, err: safeError(outcome.error) }, outcome.reason === 'stopped'
        ? 'telegram update lost: not handed over before the adapter stopped'
        : 'telegram update lost: not handed over before retries ran out');
    }
  }

  /** An officer update to the bridge; polling: tried again like a citizen's (the bridge handles each once). */
  async function toOfficers(update: Update, onOfficerMessage: NonNullable<TelegramAdapterOptions['onOfficerMessage']>): Promise<void | 'citizen'> {
    const input = officerInputOf(update, bot.botInfo);
    if (!input) return; // edits, service messages, button taps, media that answers nothing
    const source: OfficerSource = { integrationId: options.integrationId, ...(options.officerChatId ? { officerChatId: options.officerChatId } : {}), chat: officerChat };
    if (options.mode === 'webhook') return onOfficerMessage(input, source); // a failure: the queue runs it again
    let outcome: void | 'citizen' = undefined;
    const updateId = update.update_id;
    const handled = await untilHandled(async () => { outcome = await onOfficerMessage(input, source); }, retryPolicy, lifecycle.signal, (err, attempt, delayMs) => {
      log.warn({ updateId, attempt, retryInMs: delayMs, err: safeError(err) }, 'officer update not handled, retrying');
    });
    if (!handled.ok) log.error({ updateId, attempts: handled.attempts, err: safeError(handled.error) }, 'officer update lost');
    return outcome;
  }

  /** Stops the button's spinner; for a citizen's choice, shows it and removes the keyboard. */
  async function acknowledge(query: CallbackQuery, showChoice: boolean): Promise<void> {
    await bot.api.answerCallbackQuery(query.id).catch((err) => log.warn({ err: safeError(err) }, 'answerCallbackQuery failed'));
    const message = query.message;
    // date 0: an inaccessible (too old) message
    if (!showChoice || !message || message.date === 0 || !message.reply_markup) return;
    const title = message.reply_markup.inline_keyboard.flat()
      .find((b) => 'callback_data' in b && b.callback_data === query.data)?.text;
    const text = 'text' in message ? message.text : undefined;
    const chosen = text !== undefined && title !== undefined ? `${text}\n\n✅ ${title}` : undefined;
    try {
      // editing the text without reply_markup also removes the inline keyboard
      if (chosen && chosen.length <= MAX_TEXT) await bot.api.editMessageText(message.chat.id, message.message_id, chosen);
      else await bot.api.editMessageReplyMarkup(message.chat.id, message.message_id);
    } catch (err) {
      log.warn({ err: safeError(err) }, 'could not mark the chosen quick reply');
    }
  }

  async function setCommands(): Promise<void> {
    try {
      await bot.api.setMyCommands(COMMANDS_ID);
      await bot.api.setMyCommands(COMMANDS_EN, { language_code: 'en' });
    } catch (err) {
      log.warn({ err: safeError(err) }, 'setMyCommands failed; the command menu may be stale');
    }
  }

  const startRetry = { minDelayMs: 1000, maxDelayMs: 60_000, ...options.startRetry };
  /** the background reconnection, if one runs; stop() ends it */
  let reconnecting: Promise<void> | undefined;

  /** getMe, the command menu, then the webhook or the long-poll runner; throws if any call fails. */
  async function connect(signal: AbortSignal): Promise<void> {
    const me = await bot.api.getMe();
    if (signal.aborted) return;
    bot.botInfo = me;
    displayName = `@${me.username}`;
    await setCommands();
    if (options.mode === 'webhook') {
      if (!options.webhookUrl) throw new Error('Telegram webhook mode needs webhookUrl (PUBLIC_URL)');
      if (!options.webhookSecret) log.warn({}, 'Telegram webhook without TELEGRAM_WEBHOOK_SECRET: anyone can post updates');
      await bot.api.setWebhook(options.webhookUrl, {
        allowed_updates: [...ALLOWED_UPDATES],
        ...(options.webhookSecret && { secret_token: options.webhookSecret }),
      });
      if (signal.aborted) return;
      health.started();
    } else {
      await bot.api.deleteWebhook(); // getUpdates answers 409 while a webhook is set
      if (signal.aborted) return;
      health.started();
      const handle = run(bot, {
        runner: {
          fetch: { timeout: options.pollTimeoutSeconds ?? 30, allowed_updates: ALLOWED_UPDATES },
          silent: true,
        },
      });
      runner = handle;
      handle.task()?.catch((err: unknown) => {
        // 401 (token revoked), 409 (another poller or a webhook), or retries exhausted
        health.stoppedBecause(`polling stopped: ${describeError(err)}`);
        log.error({ err: safeError(err) }, 'telegram polling stopped');
        if (!signal.aborted && runner === handle) reconnecting = reconnect(signal);
      });
    }
    log.info({ bot: displayName, mode: options.mode }, 'telegram connected');
  }

  function notConnected(err: unknown, attempt: number): void {
    health.stoppedBecause(`not connected: ${describeError(err)}`);
    log.warn({ attempt, err: safeError(err) }, 'telegram not connected; trying again in the background');
  }

  /** Until connected or stopped, with jittered exponential backoff; the rest of the hub serves meanwhile. */
  async function reconnect(signal: AbortSignal): Promise<void> {
    try {
      await delay(startRetry.minDelayMs, undefined, { signal });
      await pRetry(() => connect(signal), {
        retries: Number.POSITIVE_INFINITY,
        factor: 2,
        minTimeout: startRetry.minDelayMs,
        maxTimeout: startRetry.maxDelayMs,
        randomize: true,
        signal,
        onFailedAttempt: ({ error, attemptNumber }) => notConnected(error, attemptNumber + 1),
      });
    } catch {
      // only stop() ends the attempts (pRetry and delay reject with the abort)
    }
  }

  return {
    integrationId: options.integrationId,
    type: 'telegram',
    bot,
    officerChatId: options.officerChatId,
    officerChat,
    // one getUpdates consumer per bot token; in webhook mode every process may serve
    runOnce: options.mode === 'polling',
    maxTextLength: MAX_TEXT,
    get displayName() {
      return displayName;
    },

    /** Never throws: a Bot API that is down or blocked is tried again in the background. */
    async start() {
      if (lifecycle.signal.aborted) lifecycle = new AbortController();
      const signal = lifecycle.signal;
      try {
        await connect(signal);
      } catch (err) {
        notConnected(err, 1);
        reconnecting = reconnect(signal);
      }
    },

    async stop() {
      lifecycle.abort(); // before stopping the runner: waiting updates free its slots
      await reconnecting;
      reconnecting = undefined;
      const handle = runner;
      runner = undefined;
      if (handle?.isRunning()) await handle.stop();
      // the updates already fetched get their last attempt before the hub goes away
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), STOP_DRAIN_MS); }),
      ]);
      clearTimeout(timer);
      if (!drained) log.warn({ pending: inFlight.size }, 'telegram stopped with updates still being handled');
      health.stoppedBecause('stopped');
    },

    async send(chatId: string, message: OutboundMessage) {
      const { parts, replyKeyboardOpen: open } = render(message, replyKeyboardOpen.has(chatId));
      try {
        for (const part of parts) {
          await bot.api.sendMessage(chatId, part.text, {
            ...(part.reply_markup && { reply_markup: part.reply_markup }),
            link_preview_options: { is_disabled: true },
          });
        }
      } catch (err) {
        throw toChannelError(err);
      }
      if (open) replyKeyboardOpen.add(chatId);
      else replyKeyboardOpen.delete(chatId);
    },

    health(): ChannelHealth {
      return health.get();
    },

    async processWebhook(payload: unknown) {
      if (!isReadableUpdate(payload)) return void log.warn({}, 'stored telegram update has an unknown shape; skipped');
      if (!bot.isInited()) throw new Error('telegram bot not connected yet: the stored update waits');
      try {
        await bot.handleUpdate(payload as Update);
      } catch (err) {
        // grammY's error holds the update (the citizen's text): the queue keeps the safe fields only
        throw new Error(`telegram update not handed over: ${describeError(err instanceof BotError ? err.error : err)}`);
      }
    },

    routes() {
      return options.mode === 'webhook' ? [{ path: options.webhookPath ?? '/webhooks/telegram', handler: this.webhookHandler() }] : [];
    },

    webhookHandler() {
      if (!webhook) {
        const json = express.json({ limit: '1mb' });
        // json() is a no-op when the hub already parsed the body
        webhook = (req, res, next) => {
          // constant time, before the body is parsed
          if (options.webhookSecret && !sameSecret(req.get('x-telegram-bot-api-secret-token'), options.webhookSecret)) {
            return void res.status(401).json({ error: 'X-Telegram-Bot-Api-Secret-Token is missing or wrong' });
          }
          json(req, res, (err?: unknown) => {
            if (err) return next(err);
            const update: unknown = req.body;
            if (!update || typeof update !== 'object' || !Number.isSafeInteger((update as { update_id?: unknown }).update_id)) {
              return void res.status(400).json({ error: 'body must be a JSON Telegram Update with a numeric update_id' });
            }
            if (nestsDeeperThan(update, MAX_WEBHOOK_DEPTH)) {
              return void res.status(400).json({ error: `body nests deeper than ${MAX_WEBHOOK_DEPTH} levels: no Telegram Update does` });
            }
            const updateId = (update as Update).update_id;
            if (!isReadableUpdate(update)) {
              // answered, so that Telegram does not post it again; there is nothing to store
              log.warn({ updateId }, 'telegram update ignored: its fields do not have the Bot API types');
              return void res.status(200).json({ ok: true });
            }
            const chatId = chatKeyOf(update as Update);
            // answered once stored (a redelivery of the same update_id stores nothing); a
            // failure to store is a 500, and Telegram posts the update again
            inbox!.accept(String(updateId), update, chatId === undefined ? {} : { chatId })
              .then(() => void res.status(200).json({ ok: true }))
              .catch((error: unknown) => next(new Error(`telegram update not stored: ${describeError(error)}`)));
          });
        };
      }
      return webhook;
    },
  };
}

