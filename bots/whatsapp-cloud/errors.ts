// Graph API errors -> what the hub's outbox understands (ChannelError), by Meta's error code
// first (the HTTP status of most Cloud API errors is a bare 400), then by HTTP status.
import { ChannelError } from '../../src/core/channel.js';
import { GraphApiError } from './graph-client.js';

export const ERROR = {
  /** access token expired, revoked or wrong */
  authToken: 190,
  /** throughput: more than the number's messages per second (80 by default) */
  throughput: 130429,
  /** pair rate: too many messages to one user in a short time (about one per 6 s) */
  pairRate: 131056,
  /** the recipient cannot receive this message (not on WhatsApp, old version, blocked…) */
  undeliverable: 131026,
  /** more than 24 hours since the user last wrote: only a template may go out */
  reEngagement: 131047,
} as const;

/** How long to wait before trying again: Meta asks for backoff, not a fixed time. */
export const BACKOFF_MS = {
  [ERROR.throughput]: 2_000,
  // one message per ~6 s to the same user is the documented pair rate
  [ERROR.pairRate]: 6_000,
} as const;

/** codes that mean Meta's side is busy or broken for now */
const TEMPORARY = new Set([1, 2, 4, 80007, 130472, 131000, 131016, 131048, 133004]);

export function isAuthError(err: unknown): boolean {
  return err instanceof GraphApiError && (err.code === ERROR.authToken || err.httpStatus === 401);
}

export function isReEngagementError(err: unknown): boolean {
  return err instanceof GraphApiError && err.code === ERROR.reEngagement;
}

export function toChannelError(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  if (err instanceof GraphApiError) {
    const what = err.message;
    if (err.code === ERROR.throughput || err.code === ERROR.pairRate) return new ChannelError('retry', what, BACKOFF_MS[err.code]);
    if (err.code === ERROR.undeliverable) return new ChannelError('permanent', what);
    // a bad token is the number's trouble, not the message's: keep it until the token is fixed
    if (isAuthError(err)) return new ChannelError('retry', what);
    if (err.code !== undefined && TEMPORARY.has(err.code)) return new ChannelError('retry', what);
    if (err.httpStatus === 429 || err.httpStatus >= 500) return new ChannelError('retry', what);
    if (err.httpStatus >= 400) return new ChannelError('permanent', what);
    return new ChannelError('retry', what);
  }
  // network: refused, reset, DNS, our own deadline
  return new ChannelError('retry', `network: ${describeError(err)}`);
}

/** What a log or health detail may say about an error: names and codes, never a payload. */
export function describeError(err: unknown): string {
  if (err instanceof GraphApiError || err instanceof ChannelError) return err.message;
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { code?: unknown }).code;
  const cause = (err as { cause?: unknown }).cause;
  const parts = [err.name, typeof code === 'string' || typeof code === 'number' ? String(code) : undefined];
  if (cause instanceof Error) parts.push(`(${describeError(cause)})`);
  return parts.filter(Boolean).join(' ');
}
