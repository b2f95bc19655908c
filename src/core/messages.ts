// Channel-neutral messages: adapters translate platform updates to InboundMessage
// and OutboundMessage back to the platform; nothing else crosses that line.
import type { ChannelType, Language } from './taxonomy.js';

export interface QuickReply {
  title: string;
  payload: string;
}

/**
 * The slots and input types of contracts/webchat-api.md: what a client may switch on to show the
 * right input. Which question asks for which is declared by the question (src/engine/questions/).
 */
export type Slot =
  | 'classification' | 'description' | 'category' | 'location' | 'date_of_incident' | 'title'
  | 'attachments' | 'privacy' | 'reporter_name' | 'reporter_phone' | 'confirm';
export type SlotType = 'text' | 'choice' | 'location' | 'date' | 'phone' | 'media' | 'confirm';

/** Which piece of the complaint a question asks for (webchat-api.md `expects`). */
export interface Expects {
  slot: Slot;
  type: SlotType;
}

/** What the bot says: produced by the engine (or a notification), id assigned when stored. */
export interface Reply {
  text: string;
  quickReplies?: QuickReply[];
  expects?: Expects;
}

/** A reply as stored and delivered. */
export interface OutboundMessage extends Reply {
  id: string;
  createdAt: Date;
}

export interface Attachment {
  mediaId: string;
  filename: string;
  mimeType: string;
  size: number;
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** What the citizen did: exactly one of text, payload, location, attachment, unsupported. */
export type InboundContent =
  | { kind: 'text'; text: string }
  | { kind: 'payload'; payload: string }
  | { kind: 'location'; location: GeoPoint; address?: string }
  | { kind: 'attachment'; attachment: Attachment; caption?: string }
  | { kind: 'unsupported'; what: 'sticker' | 'voice' | 'video' | 'edited' | 'contact' | 'group' | 'too_large' | 'bad_type' | 'other' };

export interface InboundMessage {
  integrationId: string;
  channel: ChannelType;
  /** the platform's chat id (private chat of the citizen) */
  chatId: string;
  /** the platform's id of this update/message: a redelivery with the same id is a no-op */
  platformMessageId?: string;
  sender: {
    externalId: string;
    /** profile name the platform gives, offered to be confirmed rather than asked */
    displayName?: string;
    /** phone the platform gives (WhatsApp), E.164 */
    phone?: string;
    language?: Language;
  };
  content: InboundContent;
  receivedAt: Date;
}
