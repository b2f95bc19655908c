// A photo or document the citizen sent: GET /{media-id} (with the token) names a short-lived
// URL, GET that URL (with the token) gives the bytes; the hub's MediaStore checks type and size.
import { MEDIA_LIMITS, MediaRejected, type MediaStore } from '../../src/core/channel.js';
import type { InboundContent } from '../../src/core/messages.js';
import { FetchTimeoutError, ResponseTooLargeError } from '../../src/net/fetch-bounded.js';
import { GraphApiError, type GraphClient } from './graph-client.js';

export interface MediaRef {
  mediaId: string;
  filename: string;
  mimeType: string;
  caption?: string;
}

export const DEFAULT_MEDIA_TIMEOUT_MS = 15_000;

/**
 * Throws only what may pass when tried again (network, Meta's 5xx, the store): the queue
 * retries the webhook. A file Meta will not serve (4xx), one too large or too slow becomes
 * unsupported content at once, so the citizen hears it did not work and can send it again.
 */
export async function downloadMedia(ref: MediaRef, graph: GraphClient, store: MediaStore, timeoutMs = DEFAULT_MEDIA_TIMEOUT_MS): Promise<InboundContent> {
  const deadline = Date.now() + timeoutMs;
  let info;
  try {
    info = await graph.mediaInfo(ref.mediaId);
  } catch (err) {
    if (err instanceof GraphApiError && err.httpStatus >= 400 && err.httpStatus < 500 && err.httpStatus !== 429) {
      return { kind: 'unsupported', what: 'other' };
    }
    throw err;
  }
  if ((info.fileSize ?? 0) > MEDIA_LIMITS.maxBytes) return { kind: 'unsupported', what: 'too_large' };
  let res;
  try {
    res = await graph.download(info.url, { maxBytes: MEDIA_LIMITS.maxBytes, timeoutMs: Math.max(1, deadline - Date.now()) });
  } catch (err) {
    if (err instanceof ResponseTooLargeError) return { kind: 'unsupported', what: 'too_large' };
    if (err instanceof FetchTimeoutError) return { kind: 'unsupported', what: 'other' };
    throw err;
  }
  if (!res.ok && res.status >= 400 && res.status < 500 && res.status !== 429) return { kind: 'unsupported', what: 'other' };
  if (!res.ok) throw new Error(`media download failed: HTTP ${res.status}`);
  let attachment;
  try {
    attachment = await store.save(res.body, { filename: ref.filename, mimeType: info.mimeType ?? ref.mimeType });
  } catch (err) {
    if (err instanceof MediaRejected) return { kind: 'unsupported', what: err.reason };
    throw err;
  }
  return ref.caption ? { kind: 'attachment', attachment, caption: ref.caption } : { kind: 'attachment', attachment };
}
