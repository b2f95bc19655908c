// The page's gate: the session cookie, the per-address throttle on failed sign-ins, and the
// checks every POST passes (Origin, when the browser sends one, and the session's CSRF token).
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export const SESSION_COOKIE = 'lh_admin_session';
export const LANG_COOKIE = 'lh_admin_lang';
export const COOKIE_PATH = '/admin';

/** failed sign-ins an address may make in a minute; then it waits, whatever key it sends */
export const SIGN_IN_FAILURES_PER_MINUTE = 10;

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function setSessionCookie(res: Response, token: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: COOKIE_PATH });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: COOKIE_PATH });
}

/** A POST from another site is refused even before its CSRF token is looked at. */
export function originAllowed(req: Request, publicUrl: string): boolean {
  const origin = req.get('origin');
  if (origin === undefined) return true;
  const own = `${req.protocol}://${req.get('host') ?? ''}`;
  let configured: string | undefined;
  try {
    configured = new URL(publicUrl).origin;
  } catch {
    configured = undefined;
  }
  return origin === own || origin === configured;
}

export class SignInThrottle {
  private readonly failures = new RateLimiterMemory({ points: SIGN_IN_FAILURES_PER_MINUTE, duration: 60 });

  /** ms to wait when the address used up its failures, else 0 */
  async blockedFor(address: string): Promise<number> {
    const seen = await this.failures.get(address);
    return seen && seen.consumedPoints >= SIGN_IN_FAILURES_PER_MINUTE ? seen.msBeforeNext : 0;
  }

  /** counts a failure; returns ms to wait when it was the last allowed one, else 0 */
  async fail(address: string): Promise<number> {
    try {
      await this.failures.consume(address);
      return 0;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      return error.msBeforeNext;
    }
  }
}
