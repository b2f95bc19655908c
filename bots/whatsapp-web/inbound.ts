// A Baileys message → what the citizen did, or nothing for the engine. Pure: media is only
// described here (MediaRef) and downloaded by media.ts.
import { normalizeMessageContent, type proto, type WAMessage } from '@whiskeysockets/baileys';
import { MEDIA_LIMITS } from '../../src/core/channel.js';
import type { InboundContent, InboundMessage } from '../../src/core/messages.js';
import { isCrowdJid, isPersonJid, phoneOf } from './jid.js';

/** An image or document to download before it becomes an attachment. */
export interface MediaRef {
  kind: 'image' | 'document';
  mimeType: string;
  filename: string;
  caption?: string;
}

export type Content = InboundContent | { kind: 'media'; media: MediaRef };

export type Route =
  | { to: 'ignore'; why: string }
  | { to: 'citizen'; chatId: string; platformId: string; sender: InboundMessage['sender']; content: Content; receivedAt: Date };

/** Types that carry nothing a citizen said: receipts, key exchange, reactions, poll votes. */
const SILENT = new Set([
  'protocolMessage', 'reactionMessage', 'senderKeyDistributionMessage', 'messageContextInfo', 'pollUpdateMessage',
  'keepInChatMessage', 'encReactionMessage', 'encEventResponseMessage', 'pinInChatMessage', 'callLogMesssage',
]);

export function route(message: WAMessage, receivedAt: () => Date): Route {
  const key = message.key;
  const jid = key.remoteJid;
  if (!jid) return { to: 'ignore', why: 'no chat' };
  if (key.fromMe) return { to: 'ignore', why: 'own message' };
  if (isCrowdJid(jid)) return { to: 'ignore', why: 'group, broadcast or newsletter' };
  if (!isPersonJid(jid)) return { to: 'ignore', why: 'not a person' };
  if (!key.id) return { to: 'ignore', why: 'no message id' };
  if (!message.message) return { to: 'ignore', why: 'no content' }; // a stub (call, undecryptable)
  const content = contentOf(message.message);
  if (!content) return { to: 'ignore', why: 'protocol message' };

  const sender: InboundMessage['sender'] = { externalId: jid };
  const phone = phoneOf(jid) ?? phoneOf(key.senderPn) ?? phoneOf(key.participantPn);
  if (phone) sender.phone = phone;
  const name = typeof message.pushName === 'string' ? message.pushName.trim() : '';
  if (name) sender.displayName = name;
  return { to: 'citizen', chatId: jid, platformId: key.id, sender, content, receivedAt: sentAt(message.messageTimestamp, receivedAt) };
}

/** undefined: nothing to answer (protocol messages, reactions). */
export function contentOf(raw: proto.IMessage): Content | undefined {
  if (raw.editedMessage || raw.protocolMessage?.editedMessage) return { kind: 'unsupported', what: 'edited' };
  const message = normalizeMessageContent(raw);
  if (!message) return undefined;
  const present = Object.keys(message).filter((k) => (message as Record<string, unknown>)[k] != null);
  if (present.length === 0 || present.every((k) => SILENT.has(k))) return undefined;

  if (typeof message.conversation === 'string' && message.conversation) return { kind: 'text', text: message.conversation };
  const extended = message.extendedTextMessage?.text;
  if (typeof extended === 'string' && extended) return { kind: 'text', text: extended };
  const pin = message.locationMessage ?? message.liveLocationMessage;
  if (pin && Number.isFinite(pin.degreesLatitude) && Number.isFinite(pin.degreesLongitude)) {
    const place = message.locationMessage;
    const address = [place?.name, place?.address].filter((p): p is string => typeof p === 'string' && p.length > 0).join(', ');
    return {
      kind: 'location',
      location: { latitude: pin.degreesLatitude!, longitude: pin.degreesLongitude! },
      ...(address ? { address } : {}),
    };
  }
  if (message.imageMessage) {
    const image = message.imageMessage;
    return media(image.fileLength, {
      kind: 'image', mimeType: image.mimetype ?? 'image/jpeg', filename: 'photo.jpg', caption: image.caption ?? undefined,
    });
  }
  if (message.documentMessage) {
    const doc = message.documentMessage;
    const mimeType = doc.mimetype ?? '';
    if (!(MEDIA_LIMITS.mimeTypes as readonly string[]).includes(mimeType)) return { kind: 'unsupported', what: 'bad_type' };
    return media(doc.fileLength, {
      kind: 'document', mimeType, filename: doc.fileName || `document.${mimeType === 'application/pdf' ? 'pdf' : 'jpg'}`,
      caption: doc.caption ?? undefined,
    });
  }
  if (message.stickerMessage) return { kind: 'unsupported', what: 'sticker' };
  if (message.audioMessage) return { kind: 'unsupported', what: 'voice' };
  if (message.videoMessage || message.ptvMessage) return { kind: 'unsupported', what: 'video' };
  if (message.contactMessage || message.contactsArrayMessage) return { kind: 'unsupported', what: 'contact' };
  return { kind: 'unsupported', what: 'other' };
}

/** check the size WhatsApp states before downloading anything */
function media(fileLength: unknown, ref: MediaRef): Content {
  const size = fileLength == null ? undefined : Number(fileLength);
  if (size !== undefined && Number.isFinite(size) && size > MEDIA_LIMITS.maxBytes) return { kind: 'unsupported', what: 'too_large' };
  if (ref.kind === 'image' && !(MEDIA_LIMITS.mimeTypes as readonly string[]).includes(ref.mimeType)) {
    return { kind: 'unsupported', what: 'bad_type' };
  }
  if (ref.caption === undefined || ref.caption === '') delete ref.caption;
  return { kind: 'media', media: ref };
}

/** When WhatsApp says it was sent (seconds, a number or a protobuf Long); the hub's clock otherwise. */
function sentAt(timestamp: WAMessage['messageTimestamp'], fallback: () => Date): Date {
  const seconds = timestamp == null ? Number.NaN : Number(timestamp);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : fallback();
}
