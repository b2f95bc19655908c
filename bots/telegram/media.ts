// Fetches a photo/document the citizen sent (getFile + the file path under apiRoot)
// and hands the bytes to the hub's MediaStore.
import { GrammyError, type Api } from 'grammy';
import { MEDIA_LIMITS, MediaRejected, type MediaStore } from '../../src/core/channel.js';
import type { InboundContent } from '../../src/core/messages.js';
import type { MediaRef } from './inbound.js';

export interface FileSource {
  api: Api;
  token: string;
  apiRoot: string;
}

/**
 * Throws only what may pass if tried again (network, 5xx, the store): the adapter retries
 * those. A file Telegram will never serve (400 from getFile, 4xx on download) becomes
 * unsupported content at once, so the citizen hears that it did not work instead of the
 * chat waiting on retries that cannot succeed.
 */
export async function download(ref: MediaRef, source: FileSource, store: MediaStore): Promise<InboundContent> {
  let file;
  try {
    file = await source.api.getFile(ref.fileId);
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 400) {
      // "Bad Request: file is too big": over the Bot API's 20 MB download limit
      return { kind: 'unsupported', what: /too big/i.test(err.description) ? 'too_large' : 'other' };
    }
    throw err;
  }
  if ((file.file_size ?? 0) > MEDIA_LIMITS.maxBytes) return { kind: 'unsupported', what: 'too_large' };
  if (!file.file_path) return { kind: 'unsupported', what: 'other' };
  // the same root as every API call: a local Bot API server or a test double serves files too
  const url = `${source.apiRoot}/file/bot${source.token}/${file.file_path}`;
  const res = await fetch(url);
  if (res.status >= 400 && res.status < 500 && res.status !== 429) {
    await res.body?.cancel();
    return { kind: 'unsupported', what: 'other' };
  }
  if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
  const data = Buffer.from(await res.arrayBuffer());
  // file_size is optional in the Bot API: check the bytes themselves as well
  if (data.length > MEDIA_LIMITS.maxBytes) return { kind: 'unsupported', what: 'too_large' };
  let attachment;
  try {
    attachment = await store.save(data, { filename: ref.filename, mimeType: ref.mimeType });
  } catch (err) {
    // the bytes are not what Telegram claimed (an HTML "PDF"): the citizen hears which types work
    if (err instanceof MediaRejected) return { kind: 'unsupported', what: err.reason };
    throw err;
  }
  return ref.caption === undefined ? { kind: 'attachment', attachment } : { kind: 'attachment', attachment, caption: ref.caption };
}
