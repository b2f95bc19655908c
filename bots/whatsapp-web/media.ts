// Downloads an image or PDF the citizen sent (Baileys decrypts it) and hands the bytes to the
// hub's MediaStore. The stated size was checked before (inbound.ts); the bytes are checked too.
import type { WAMessage } from '@whiskeysockets/baileys';
import { MEDIA_LIMITS, MediaRejected, type MediaStore } from '../../src/core/channel.js';
import type { InboundContent } from '../../src/core/messages.js';
import type { MediaRef } from './inbound.js';

export type DownloadMedia = (message: WAMessage) => Promise<Buffer>;

/**
 * A file WhatsApp will not serve (expired, re-upload refused) becomes unsupported content, so
 * the citizen hears it did not work and can send it again: messages.upsert is not redelivered.
 * Only the store's own failures (the database, the disk) are thrown, to be retried.
 */
export async function fetchEvidence(message: WAMessage, ref: MediaRef, download: DownloadMedia, store: MediaStore,
  onDownloadError: (err: unknown) => void): Promise<InboundContent> {
  let data: Buffer;
  try {
    data = await download(message);
  } catch (err) {
    onDownloadError(err);
    return { kind: 'unsupported', what: 'other' };
  }
  if (data.length > MEDIA_LIMITS.maxBytes) return { kind: 'unsupported', what: 'too_large' };
  let attachment;
  try {
    attachment = await store.save(data, { filename: ref.filename, mimeType: ref.mimeType });
  } catch (err) {
    if (err instanceof MediaRejected) return { kind: 'unsupported', what: err.reason };
    throw err;
  }
  return ref.caption === undefined ? { kind: 'attachment', attachment } : { kind: 'attachment', attachment, caption: ref.caption };
}
