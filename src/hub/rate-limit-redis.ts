// The Redis connection the web chat's rate limits share across processes (REDIS_URL).
// Apart from the queue's: a limit check must fail fast, never wait in an offline queue behind
// BullMQ's blocking commands; while it fails, the limiters count in memory (bots/webchat/rate-limits.ts).
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/** a rate-limit check that Redis does not answer within this is counted in memory instead */
const COMMAND_TIMEOUT_MS = 500;

/** ioredis is imported here, on first use: a hub without REDIS_URL never loads it. */
export async function openRateLimitRedis(url: string, logger: Logger): Promise<Redis> {
  const { Redis } = await import('ioredis');
  // auto-pipelining: the checks of concurrent requests go out in one write per tick, not one each
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    enableAutoPipelining: true,
  });
  // ioredis reports every failed reconnect: say it once per outage, and when it is over
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: error.message }, 'redis unreachable for the web chat rate limits: counting per process until it is back');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info('redis is back: the web chat rate limits are shared again');
  });
  return redis;
}

/** On hub stop: a clean QUIT, or a hard disconnect when Redis is away. */
export async function closeRateLimitRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}
