// What a channel adapter (bots/*) offers the hub, and what the hub offers it.
// Adapters translate; they never decide what to say.
import type { Attachment, InboundMessage, OutboundMessage } from './messages.js';
import type { ChannelType } from './taxonomy.js';

/** Handles one inbound message: dedupe, run the engine, store replies, queue deliveries. */
export type InboundHandler = (message: InboundMessage) => Promise<{ duplicate: boolean }>;

/**
 * Why a delivery failed:
 * - blocked: the chat blocked the bot / no longer exists; stop sending to it.
 * - retry: temporary; try again, not before retryAfterMs when given.
 * - permanent: this message can never be delivered (bad request).
 */
export class ChannelError extends Error {
  constructor(
    readonly kind: 'blocked' | 'retry' | 'permanent',
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

export interface ChannelAdapter {
  readonly integrationId: string;
  readonly type: ChannelType;
  /** human-readable name shown in /api/public/integrations (e.g. the bot's @username) */
  readonly displayName: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Delivers one stored message to a chat; throws ChannelError. */
  send(chatId: string, message: OutboundMessage): Promise<void>;
  health(): ChannelHealth;
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
