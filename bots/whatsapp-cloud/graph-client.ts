// The Graph API calls one number makes: send, mark read, media lookup and download, and the
// number's own record (a health probe). Every call has a deadline; the token rides in the
// Authorization header only, so no URL or error here carries it.
import { fetchBounded } from '../../src/net/fetch-bounded.js';

/** A Graph API error answer: `{error: {code, message, error_subcode, error_data}}` and its HTTP status. */
export class GraphApiError extends Error {
  override name = 'GraphApiError';
  constructor(
    readonly httpStatus: number,
    readonly code: number | undefined,
    /** Meta's short message, digit runs masked (a details line may quote a phone number) */
    readonly title: string,
  ) {
    super(`Graph API ${httpStatus}${code === undefined ? '' : ` error ${code}`}: ${title}`);
  }
}

export interface GraphTarget {
  apiRoot: string;
  token: string;
  phoneNumberId: string;
}

/** JSON a Graph API call answered; unknown fields pass. */
type Json = Record<string, unknown>;

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;
/** a Graph answer (not a file) is small; anything larger is not the API */
const MAX_ANSWER_CHARS = 256 * 1024;

export class GraphClient {
  constructor(private readonly target: GraphTarget, private readonly timeoutMs = DEFAULT_CALL_TIMEOUT_MS) {}

  /** POST /{phone-number-id}/messages; the wamid of the sent message. */
  async sendMessage(body: Json): Promise<string> {
    const answer = await this.call('POST', `/${this.target.phoneNumberId}/messages`, { messaging_product: 'whatsapp', ...body });
    const id = (answer.messages as Array<{ id?: unknown }> | undefined)?.[0]?.id;
    if (typeof id !== 'string') throw new GraphApiError(200, undefined, 'send answered without a message id');
    return id;
  }

  /** Marks an inbound message read and shows "typing…" until the reply (or 25 s). */
  async markReadWithTyping(messageId: string): Promise<void> {
    await this.call('POST', `/${this.target.phoneNumberId}/messages`, {
      messaging_product: 'whatsapp', status: 'read', message_id: messageId, typing_indicator: { type: 'text' },
    });
  }

  /** GET /{media-id}: where the file is (a short-lived URL that also wants the token). */
  async mediaInfo(mediaId: string): Promise<{ url: string; mimeType?: string; fileSize?: number }> {
    const answer = await this.call('GET', `/${encodeURIComponent(mediaId)}`);
    if (typeof answer.url !== 'string') throw new GraphApiError(200, undefined, 'media answer without a url');
    return {
      url: answer.url,
      ...(typeof answer.mime_type === 'string' ? { mimeType: answer.mime_type } : {}),
      ...(typeof answer.file_size === 'number' ? { fileSize: answer.file_size } : typeof answer.file_size === 'string' ? { fileSize: Number(answer.file_size) } : {}),
    };
  }

  /** The file itself, cut off at maxBytes or the deadline (FetchTimeoutError, ResponseTooLargeError). */
  async download(url: string, opts: { maxBytes: number; timeoutMs: number }) {
    return fetchBounded(url, { ...opts, init: { headers: this.headers() } });
  }

  /** GET /{phone-number-id}: the number's record; fails as a send would when the token is bad. */
  async phoneNumber(): Promise<{ displayPhoneNumber?: string; verifiedName?: string }> {
    const answer = await this.call('GET', `/${this.target.phoneNumberId}?fields=display_phone_number,verified_name`);
    return {
      ...(typeof answer.display_phone_number === 'string' ? { displayPhoneNumber: answer.display_phone_number } : {}),
      ...(typeof answer.verified_name === 'string' ? { verifiedName: answer.verified_name } : {}),
    };
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.target.token}` };
  }

  private async call(method: 'GET' | 'POST', path: string, body?: Json): Promise<Json> {
    // the signal's deadline covers the body too; Graph answers are small JSON (no byte cap needed
    // beyond the one below, which refuses what cannot be the API)
    const res = await fetch(`${this.target.apiRoot}${path}`, {
      method,
      headers: { ...this.headers(), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    const parsed = text.length <= MAX_ANSWER_CHARS ? parseJson(text) : undefined;
    if (!res.ok) {
      const error = (parsed?.error ?? {}) as { code?: unknown; message?: unknown };
      const code = typeof error.code === 'number' ? error.code : undefined;
      const title = typeof error.message === 'string' ? scrub(error.message) : `HTTP ${res.status}`;
      throw new GraphApiError(res.status, code, title);
    }
    if (!parsed) throw new GraphApiError(res.status, undefined, 'answer is not JSON');
    return parsed;
  }
}

function parseJson(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Long digit runs (phone numbers, ids) masked, length capped: what a log or health detail may say. */
export function scrub(text: string): string {
  return text.replace(/\+?\d{6,}/g, '…').slice(0, 200);
}
