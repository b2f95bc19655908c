// A Cloud API message -> what the citizen did (InboundContent). Types the hub cannot take as
// evidence or as an answer (reactions, stickers, voice, video, contacts, unknown) become
// `unsupported`, and the engine explains politely what works (a reaction too: the citizen
// may think a 👍 answered the question).
import type { GeoPoint, InboundContent } from '../../src/core/messages.js';
import type { MediaRef } from './media.js';
import type { CloudMessage } from './webhook-payload.js';

/** What a message carries, before any download: content, a file to fetch, or nothing to answer. */
export type ReadMessage =
  | { kind: 'content'; content: InboundContent }
  | { kind: 'media'; ref: MediaRef }
  /** not the citizen's turn: a system notice */
  | { kind: 'ignore' };

type Part = Record<string, unknown> | undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined);

export function readMessage(message: CloudMessage): ReadMessage {
  const part = message[message.type] as Part;
  switch (message.type) {
    case 'text': {
      const body = str(part?.body);
      return body === undefined ? unsupported('other') : { kind: 'content', content: { kind: 'text', text: body } };
    }
    case 'interactive': {
      const reply = (part?.button_reply ?? part?.list_reply) as Part;
      const id = str(reply?.id);
      return id ? { kind: 'content', content: { kind: 'payload', payload: id } } : unsupported('other');
    }
    case 'button': {
      // a quick-reply button of a template: its payload, else its text
      const payload = str(part?.payload) ?? str(part?.text);
      return payload ? { kind: 'content', content: { kind: 'payload', payload } } : unsupported('other');
    }
    case 'location': {
      const latitude = num(part?.latitude);
      const longitude = num(part?.longitude);
      if (latitude === undefined || longitude === undefined || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return unsupported('other');
      const location: GeoPoint = { latitude, longitude };
      const address = [str(part?.name), str(part?.address)].filter(Boolean).join(', ');
      return { kind: 'content', content: address ? { kind: 'location', location, address } : { kind: 'location', location } };
    }
    case 'image':
    case 'document': {
      const mediaId = str(part?.id);
      if (!mediaId) return unsupported('other');
      const mimeType = str(part?.mime_type) ?? 'application/octet-stream';
      const filename = str(part?.filename) ?? `${message.type}-${mediaId}${extension(mimeType)}`;
      const caption = str(part?.caption);
      return { kind: 'media', ref: { mediaId, filename, mimeType, ...(caption ? { caption } : {}) } };
    }
    case 'sticker':
      return unsupported('sticker');
    case 'audio':
      return unsupported('voice');
    case 'video':
      return unsupported('video');
    case 'contacts':
      return unsupported('contact');
    case 'system':
      // "the customer changed their number" and the like: nothing the citizen asked
      return { kind: 'ignore' };
    default:
      return unsupported('other');
  }
}

function unsupported(what: Extract<InboundContent, { kind: 'unsupported' }>['what']): ReadMessage {
  return { kind: 'content', content: { kind: 'unsupported', what } };
}

function extension(mimeType: string): string {
  return ({ 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'application/pdf': '.pdf' } as Record<string, string>)[mimeType] ?? '';
}
