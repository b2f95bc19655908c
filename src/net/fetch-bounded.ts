// Every outbound fetch of a body the hub did not make (a citizen's file) goes through here:
// a deadline for the whole exchange, body included, and a byte limit checked while the
// body streams in, so a stalled server cannot hold a request forever and a huge file is
// cut off after at most limit + one chunk, never buffered whole.
//
// Errors never quote the URL: a Telegram file URL carries the bot token.

export class FetchTimeoutError extends Error {
  override name = 'FetchTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
  }
}

export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${maxBytes} bytes`);
  }
}

export interface BoundedFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  init?: Omit<RequestInit, 'signal'>;
}

/** ok: the body, whole; otherwise the status only (the body is discarded unread). */
export type BoundedResponse = { ok: true; status: number; body: Buffer } | { ok: false; status: number };

export async function fetchBounded(url: string, { timeoutMs, maxBytes, init }: BoundedFetchOptions): Promise<BoundedResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new FetchTimeoutError(timeoutMs)), timeoutMs);
  try {
    const res = await fetch(url, { ...init, signal: controller.signal });
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return { ok: false, status: res.status };
    }
    if (Number(res.headers.get('content-length') ?? 0) > maxBytes) throw new ResponseTooLargeError(maxBytes);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new ResponseTooLargeError(maxBytes);
      chunks.push(chunk);
    }
    return { ok: true, status: res.status, body: Buffer.concat(chunks, size) };
  } catch (error) {
    if (controller.signal.reason instanceof FetchTimeoutError) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    controller.abort(); // ends the connection of a body left unread (too large, or an error)
  }
}
