// grammY errors -> ChannelError, the only failure the hub's outbox understands.
import { GrammyError, HttpError } from 'grammy';
import { ChannelError } from '../../src/core/channel.js';

export function toChannelError(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  if (err instanceof GrammyError) {
    const what = `${err.method}: ${err.error_code} ${err.description}`;
    const description = err.description.toLowerCase();
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
  return new ChannelError('retry', err instanceof Error ? err.message : String(err));
}
