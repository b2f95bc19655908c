// grammY errors -> ChannelError (the only failure the hub's outbox understands), and
// -> log fields that carry no personal data.
//
// A GrammyError keeps the call's `payload` (sendMessage: `chat_id` and `text`), a BotError
// keeps the whole update in `ctx`, and a hub error may quote what it was given: none of
// that may reach a log, and the logger's redaction does not look that deep. So logs get
// safeError(err), never err itself.
import { BotError, GrammyError, HttpError } from 'grammy';
import { ChannelError } from '../../src/core/channel.js';

export function toChannelError(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  if (err instanceof GrammyError) {
    const what = `${err.method}: ${err.error_code} ${scrub(err.description)}`;
    // some Bot API emulators answer a failure with neither error_code nor description
    const description = (err.description ?? '').toLowerCase();
    if (err.error_code === undefined) return new ChannelError('retry', what);
    // 403: blocked by the user, user deactivated, kicked from the group
    if (err.error_code === 403 || description.includes('chat not found')) return new ChannelError('blocked', what);
    if (err.error_code === 429) {
      // auto-retry gave up (too many attempts, or a wait longer than it is allowed to sleep)
      const seconds = err.parameters.retry_after;
      return new ChannelError('retry', what, seconds === undefined ? undefined : seconds * 1000);
    }
    // 5xx, and 401 (a revoked token is the bot's trouble, not the message's)
    if (err.error_code >= 500 || err.error_code === 401) return new ChannelError('retry', what);
    return new ChannelError('permanent', what);
  }
  if (err instanceof HttpError) return new ChannelError('retry', `network: ${err.message}`);
  return new ChannelError('retry', describeError(err));
}

/**
 * What a log may say about an error. Telegram's descriptions are fixed templates
 * ("Bad Request: chat not found", "... at byte offset 12"); the one known to quote the
 * message (an unsupported HTML tag name) is in quotes, so quoted parts are cut, and long
 * digit runs (chat and user ids, phone numbers) are masked. Anything else: its name and
 * code only, because its message may quote what the hub was given (Prisma does).
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (err instanceof BotError) return safeError(err.error);
  if (err instanceof GrammyError) {
    return {
      type: 'GrammyError', method: err.method, error_code: err.error_code, description: scrub(err.description),
      ...(err.parameters.retry_after !== undefined && { retry_after: err.parameters.retry_after }),
    };
  }
  // "Network request for 'getUpdates' failed!": the method, never the payload
  if (err instanceof HttpError) return { type: 'HttpError', message: err.message, cause: causeOf(err.error) };
  // ours (toChannelError): built from the fields above
  if (err instanceof ChannelError) return { type: 'ChannelError', kind: err.kind, message: scrub(err.message) };
  return causeOf(err);
}

/** One line for a health detail or an error message: the same safe fields. */
export function describeError(err: unknown): string {
  const e = safeError(err);
  if (e.type === 'GrammyError') return `${e.method}: ${e.error_code} ${e.description}`;
  if (e.type === 'HttpError' || e.type === 'ChannelError') return String(e.message);
  return [e.type, e.code].filter((x) => x !== undefined).join(' ');
}

function causeOf(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  const cause = (err as { cause?: unknown }).cause;
  return {
    type: err.name,
    ...((typeof code === 'string' || typeof code === 'number') && { code }),
    // fetch's TypeError("fetch failed") names the reason in its cause (ECONNREFUSED, ...)
    ...(cause instanceof Error && { cause: causeOf(cause) }),
  };
}

export function scrub(text: string | undefined): string {
  return (text ?? '')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d{7,}/g, '#')
    .slice(0, 200);
}
