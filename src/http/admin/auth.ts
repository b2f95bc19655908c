// The admin API's gate: off entirely without ADMIN_API_KEY, else a bearer key compared in
// constant time (both sides hashed first, so neither length nor content leaks through timing).
// Failed attempts are throttled per address (loopback too: a proxy on this machine forwards
// the client's address): after FAILURES_PER_MINUTE the address gets 429 with Retry-After,
// whatever key it sends, until the minute is over. A success does not count.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

const FAILURES_PER_MINUTE = 10;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function adminOff(): RequestHandler {
  return (_req, res) => void res.status(404).json({ error: 'the admin API is off: ADMIN_API_KEY is not set' });
}

function tooMany(res: Response, msBeforeNext: number) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  res.status(429).set('Retry-After', String(seconds)).json({
    error: `too many failed authentications from this address; try again in ${seconds} s`,
  });
}

export function requireApiKey(apiKey: string): RequestHandler {
  const expected = digest(apiKey);
  const failures = new RateLimiterMemory({ points: FAILURES_PER_MINUTE, duration: 60 });
  return async (req, res, next) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const seen = await failures.get(address);
    if (seen && seen.consumedPoints >= FAILURES_PER_MINUTE) return tooMany(res, seen.msBeforeNext);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (match && timingSafeEqual(digest(match[1]!), expected)) return next();
    try {
      await failures.consume(address);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      return tooMany(res, error.msBeforeNext); // another request took the last point first
    }
    res.status(401).set('WWW-Authenticate', 'Bearer').json({
      error: match ? 'wrong API key' : 'missing API key: send Authorization: Bearer <ADMIN_API_KEY>',
    });
  };
}
