// Fetches a photo/document the citizen sent (getFile + the file path under apiRoot)
// and hands the bytes to the hub's MediaStore.
import { GrammyError, type Api } from 'grammy';
import { MEDIA_LIMITS, MediaRejected, type MediaStore } from '../../src/core/channel.js';
import type { InboundContent } from '../../src/core/messages.js';
import { fetchBounded, FetchTimeoutError, ResponseTooLargeError } from '../../src/net/fetch-bounded.js';
import type { MediaRef } from './inbound.js';

export interface FileSource {
  api: Api;
  token: string;
  apiRoot: string;
  /** getFile and the download together (default 8 s: inside grammY's 10 s webhook timeout) */
  timeoutMs?: number;
}

export const DEFAULT_FILE_TIMEOUT_MS = 8000;

/**
 * Throws only what may pass if tried again (network, 5xx, the store): the adapter retries
 * those. A file Telegram will never serve (400 from getFile, 4xx on download) becomes
 * unsupported content at once, so the citizen hears that it did not work instead of the
 * chat waiting on retries that cannot succeed. So does a file that does not arrive in time
 * or is larger than the limit: the download is cut off, and the citizen can send it again.
 */
export async function download(ref: MediaRef, source: FileSource, store: MediaStore): Promise<InboundContent> {
  const timeoutMs = source.timeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const getFileSignal = AbortSignal.timeout(timeoutMs);
  let file;
  try {
    file = await source.api.getFile(ref.fileId, getFileSignal as Parameters<Api['getFile']>[1]);
  } catch (err) {
    if (getFileSignal.aborted) return { kind: 'unsupported', what: 'other' };
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
  let res;
  try {
    // file_size is optional in the Bot API: the bytes themselves are counted as they come
    res = await fetchBounded(url, { timeoutMs: Math.max(1, deadline - Date.now()), maxBytes: MEDIA_LIMITS.maxBytes });
  } catch (err) {
    if (err instanceof ResponseTooLargeError) return { kind: 'unsupported', what: 'too_large' };
    if (err instanceof FetchTimeoutError) return { kind: 'unsupported', what: 'other' };
    throw err;
  }
  if (!res.ok && res.status >= 400 && res.status < 500 && res.status !== 429) return { kind: 'unsupported', what: 'other' };
  if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
  let attachment;
  try {
    attachment = await store.save(res.body, { filename: ref.filename, mimeType: ref.mimeType });
  } catch (err) {
    // the bytes are not what Telegram claimed (an HTML "PDF"): the citizen hears which types work
    if (err instanceof MediaRejected) return { kind: 'unsupported', what: err.reason };
    throw err;
  }
  return ref.caption === undefined ? { kind: 'attachment', attachment } : { kind: 'attachment', attachment, caption: ref.caption };
}
