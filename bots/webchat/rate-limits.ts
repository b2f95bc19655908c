// The web chat's rate limits: per session and per address, over 10-second windows.
// With a Redis client (REDIS_URL) the counts live in Redis, so they hold across every process
// behind one address; without one they are counted in this process.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface WebchatLimits {
  perSession: RateLimiterAbstract;
  perAddress: RateLimiterAbstract;
}

export interface WebchatLimitOptions {
  windowSeconds: number;
  perSession: number;
  perAddress: number;
  /** shared counts; unset: this process only */
  redis?: Redis;
  /** Redis key prefix (default `lapor-hub:webchat`) */
  keyPrefix?: string;
}

export const DEFAULT_LIMIT_PREFIX = 'lapor-hub:webchat';

export function createWebchatLimits(options: WebchatLimitOptions): WebchatLimits {
  const prefix = options.keyPrefix ?? DEFAULT_LIMIT_PREFIX;
  const limiter = (name: string, points: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ points, duration: options.windowSeconds });
    if (!options.redis) return memory;
    // Redis away (not "ready", or a command failing or timing out): the memory limiter counts
    // instead, so the limits fall back to per process rather than every message failing
    return new RateLimiterRedis({
      storeClient: options.redis,
      keyPrefix: `${prefix}:${name}`,
      points,
      duration: options.windowSeconds,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };
  return { perSession: limiter('session', options.perSession), perAddress: limiter('address', options.perAddress) };
}
