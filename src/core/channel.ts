// What a channel adapter (bots/*) offers the hub, and what the hub offers it.
// Adapters translate; they never decide what to say.
import type { Attachment, InboundMessage, OutboundMessage } from './messages.js';
import type { ChannelType } from './taxonomy.js';
import type { RequestHandler } from 'express';

/**
 * Handles one inbound message: dedupe, run the engine, store replies, queue deliveries.
 * `replies`: what was stored for this message (a pull channel, the web chat, answers with them).
 */
export type InboundHandler = (message: InboundMessage) => Promise<{ duplicate: boolean; replies?: OutboundMessage[] }>;

/**
 * Why a delivery failed:
 * - blocked: the chat blocked the bot / no longer exists; stop sending to it.
 * - retry: temporary; try again, not before retryAfterMs when given.
 * - permanent: this message can never be delivered (bad request).
 * - held: not now, and not by retrying (WhatsApp's 24-hour window closed, no template): the
 *   message is kept as undelivered and sent again after the citizen's next message.
 */
export class ChannelError extends Error {
  constructor(
    readonly kind: 'blocked' | 'retry' | 'permanent' | 'held',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

export interface ChannelHealth {
  status: 'connected' | 'degraded' | 'disconnected';
  detail?: string;
}

/** What the hub tells an adapter about the message it sends (the adapter decides how, never what). */
export interface SendContext {
  /** when the citizen last wrote in this chat (null: never): WhatsApp Cloud's 24-hour window */
  lastInboundAt: Date | null;
}

/** What a delivery returns: the platform's id of the sent message, when it gives one. */
export interface SendResult {
  platformMessageId?: string;
}

/** An HTTP route an adapter serves (webhooks, a pairing page), mounted by the composition root. */
export interface ChannelRoute {
  /** mount path, e.g. `/webhooks/telegram`; an adapter parses its own bodies (raw when it must) */
  path: string;
  handler: RequestHandler;
}

export interface ChannelAdapter {
  readonly integrationId: string;
  readonly type: ChannelType;
  /** human-readable name shown in /api/public/integrations (e.g. the bot's @username) */
  readonly displayName: string;
  /**
   * true when one bot or number may be driven by one process only (Telegram long polling, a
   * WhatsApp Web socket): the registry starts it only in the process holding the integration's
   * lock, and another process takes over when that one dies.
   */
  readonly runOnce?: boolean;
  /** longest text one platform message carries: consecutive replies of a turn are joined up to it */
  readonly maxTextLength?: number;
  /** Never throws: a platform that cannot be reached makes the adapter "not ready" and it retries. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Delivers one stored message to a chat; throws ChannelError. */
  send(chatId: string, message: OutboundMessage, context?: SendContext): Promise<SendResult | void>;
  health(): ChannelHealth;
  /** HTTP routes; mounted in every process that serves HTTP, whether or not this one runs the adapter */
  routes?(): ChannelRoute[];
  /** Processes a webhook stored through ChannelContext.inbox, from the queue (at least once). */
  processWebhook?(payload: unknown): Promise<void>;
  /**
   * A pairing waiting for the agency's phone (WhatsApp Web): the QR's text or a pairing code,
   * read from the channel's stored state, so every HTTP process can show it (the /admin page).
   * null when nothing is to be scanned or typed.
   */
  pairing?(): Promise<ChannelPairing | null>;
}

/** What the officers' page shows to pair a channel with a phone; a secret of the agency's. */
export interface ChannelPairing {
  status: ChannelHealth['status'];
  detail?: string;
  /** the text to render as a QR code */
  qr?: string;
  /** the code to type on the phone instead */
  pairingCode?: string;
}

/** A durable per-integration key/value store: values are strings the adapter serialises itself. */
export interface ChannelStateStore {
  get(key: string): Promise<string | undefined>;
  getMany(keys: string[]): Promise<Map<string, string>>;
  /** all in one transaction; a null value deletes its key */
  setMany(entries: Record<string, string | null>): Promise<void>;
  /** deletes every key starting with the prefix ('' = all of this integration's state) */
  deletePrefix(prefix: string): Promise<void>;
}

/** Platform webhooks stored before they are answered, then processed from the queue. */
export interface WebhookInbox {
  /**
   * Stores the payload under a key (a redelivery with the same key is a duplicate and stores
   * nothing) and queues it for the adapter's processWebhook. Resolves once it is durable.
   * With `chatId`, the webhooks of that chat are processed one at a time, in the order accepted.
   */
  accept(dedupeKey: string, payload: unknown, options?: { chatId?: string }): Promise<{ duplicate: boolean }>;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** Delivery receipts the platform sends after the fact (WhatsApp statuses). */
export interface DeliveryLog {
  /** recorded on the outbound message sent with that platform id; unknown ids are ignored */
  record(platformMessageId: string, status: DeliveryStatus, error?: string): Promise<void>;
}

/** What the hub gives the adapter it builds. */
export interface ChannelContext {
  integrationId: string;
  onInbound: InboundHandler;
  media: MediaStore;
  logger: ChannelLogger;
  now(): Date;
  /** the hub's public base URL (PUBLIC_URL, or the bound address in tests) */
  publicUrl(): string;
  state: ChannelStateStore;
  inbox: WebhookInbox;
  deliveries: DeliveryLog;
  /** keeps the integration's status and last-seen time for the public integrations list */
  reportStatus(health: ChannelHealth): void;
  /**
   * The messages the hub stored for a chat after `afterId` (all when unset), oldest first;
   * null when `afterId` is not an outbound message of that chat. Pull channels (the web chat) read this.
   */
  history(chatId: string, afterId?: string): Promise<OutboundMessage[] | null>;
}

export interface ChannelLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** An integration of a channel: from the environment (the default agency's) or, later, the admin API. */
export interface IntegrationSpec {
  id: string;
  agencyId: string;
  name: string;
  /** the channel's settings (tokens included); never logged, never returned by an endpoint */
  settings: Record<string, unknown>;
}

/** What each `bots/<channel>/` exports: the registry in src/app.ts lists these and names no channel. */
export interface ChannelFactory<Env = unknown, Tuning = unknown> {
  readonly type: ChannelType;
  /** the integrations the environment configures (none when the channel is off) */
  fromEnv(env: Env): Omit<IntegrationSpec, 'agencyId'>[];
  /** settings an integration added through the admin API takes from the environment unless it
   *  has its own (the platform's API root) */
  storedDefaults?(env: Env): Record<string, unknown>;
  /** `tuning`: what tests and commands adjust (timeouts, pacing, a fake socket), by channel type.
   *  A promise where the channel's library is imported only once an integration of it is built
   *  (Baileys, grammY): a hub without that channel does not pay for loading it at start-up. */
  create(spec: IntegrationSpec, context: ChannelContext, tuning?: Tuning): ChannelAdapter | Promise<ChannelAdapter>;
}

/**
 * Where evidence files go (DATA_DIR/media); adapters hand it bytes, get an Attachment.
 * `save` stages the file: the type comes from its bytes (the claimed `mimeType` is only a
 * hint), the name is sanitised; the hub keeps it only if the conversation takes it in the
 * turn it arrives with. Throws MediaRejected for a file that is not evidence.
 */
export interface MediaStore {
  save(data: Buffer, meta: { filename: string; mimeType: string }): Promise<Attachment>;
  read(mediaId: string): Promise<{ data: Buffer; filename: string; mimeType: string } | null>;
}

/** A file the store refuses: not jpeg/png/webp/pdf by its bytes, or over MEDIA_LIMITS.maxBytes. */
export class MediaRejected extends Error {
  constructor(readonly reason: 'bad_type' | 'too_large') {
    super(reason === 'bad_type' ? 'only jpeg, png, webp or pdf files are accepted' : 'file is larger than 5 MiB');
    this.name = 'MediaRejected';
  }
}

/** Media accepted as evidence: the web chat's rule, applied on every channel. */
export const MEDIA_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
} as const;
