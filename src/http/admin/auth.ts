// The admin API's gate: off entirely without ADMIN_API_KEY; with it, a bearer key that is an
// officer's (the ADMIN_API_KEY itself is the bootstrap admin's). Keys are looked up by their
// SHA-256 (the stored hash), so the key never reaches the database and its comparison leaks
// nothing through timing. Failed attempts are throttled per address (loopback too: a proxy on
// this machine forwards the client's address): after FAILURES_PER_MINUTE the address gets 429
// with Retry-After, whatever key it sends, until the minute is over. A success does not count.
import type { PrismaClient } from '@prisma/client';
import type { Request, RequestHandler, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { BOOTSTRAP_ADMIN_ID, principalForApiKey, type Principal } from '../../hub/officers/principal.js';

const FAILURES_PER_MINUTE = 10;

export function adminOff(): RequestHandler {
  return (_req, res) => void res.status(404).json({ error: 'the admin API is off: ADMIN_API_KEY is not set' });
}

function tooMany(res: Response, msBeforeNext: number) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  res.status(429).set('Retry-After', String(seconds)).json({
    error: `too many failed authentications from this address; try again in ${seconds} s`,
  });
}

const address = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** Puts the caller's Principal on res.locals.principal, or answers 401/429. */
export function requireOfficerKey(prisma: PrismaClient): RequestHandler {
  const failures = new RateLimiterMemory({ points: FAILURES_PER_MINUTE, duration: 60 });
  return async (req, res, next) => {
    const from = address(req);
    const seen = await failures.get(from);
    if (seen && seen.consumedPoints >= FAILURES_PER_MINUTE) return tooMany(res, seen.msBeforeNext);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const who = match ? await principalForApiKey(prisma, match[1]!) : null;
    if (who) {
      res.locals.principal = who;
      return next();
    }
    try {
      await failures.consume(from);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      return tooMany(res, error.msBeforeNext); // another request took the last point first
    }
    res.status(401).set('WWW-Authenticate', 'Bearer').json({
      error: match ? 'wrong API key' : 'missing API key: send Authorization: Bearer <API key>',
    });
  };
}

export type Role = 'officer' | 'admin' | 'operator';

/** officer < admin < operator (the ADMIN_API_KEY holder: creates agencies). */
export function allowed(who: Principal, role: Role): boolean {
  if (role === 'operator') return who.officerId === BOOTSTRAP_ADMIN_ID;
  if (role === 'admin') return who.role === 'admin';
  return true;
}

/** Where an action came from, for the audit log. */
export const apiSource = (req: Request) => `api ${address(req)}`;
