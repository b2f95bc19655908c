// Page sessions of the /admin officers' page over the OfficerSession table. The cookie carries
// a random token; only its SHA-256 is stored, so a copy of the database signs no one in. A
// session ends after IDLE_MS without a request, after MAX_AGE_MS in any case, or on sign-out.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { principalOf, type Principal } from './principal.js';

/** idle time after which a session is over */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** no session lives longer than this, however busy */
export const SESSION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** the idle deadline is moved at most this often (not one write per page view) */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface PageSession {
  principal: Principal;
  csrfToken: string;
  expiresAt: Date;
}

export class PageSessions {
  constructor(private readonly prisma: PrismaClient, private readonly now: () => Date = () => new Date()) {}

  /** A new session for the officer; returns the cookie's token (shown to the browser only). */
  async create(officerId: string): Promise<{ token: string; csrfToken: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = this.now();
    // sessions that ran out are removed when someone signs in: the table does not grow
    await this.prisma.officerSession.deleteMany({ where: { expiresAt: { lt: now } } });
    await this.prisma.officerSession.create({
      data: { tokenHash: hashToken(token), officerId, csrfToken, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS), createdAt: now },
    });
    return { token, csrfToken };
  }

  /** The live session of a cookie's token, its idle deadline moved on; null when missing or over. */
  async resolve(token: string): Promise<PageSession | null> {
    if (!token || token.length > 128) return null;
    const tokenHash = hashToken(token);
    const row = await this.prisma.officerSession.findUnique({ where: { tokenHash }, include: { officer: true } });
    if (!row) return null;
    const now = this.now();
    // an officer whose key was revoked can no longer sign in, so neither can their open sessions
    const over = row.expiresAt <= now || now.getTime() - row.createdAt.getTime() >= SESSION_MAX_AGE_MS || row.officer.apiKeyHash === null;
    if (over) {
      await this.prisma.officerSession.deleteMany({ where: { tokenHash } });
      return null;
    }
    let expiresAt = row.expiresAt;
    const idleDeadline = new Date(now.getTime() + SESSION_IDLE_MS);
    if (idleDeadline.getTime() - row.expiresAt.getTime() >= TOUCH_EVERY_MS) {
      expiresAt = idleDeadline;
      await this.prisma.officerSession.updateMany({ where: { tokenHash }, data: { expiresAt } });
    }
    return { principal: principalOf(row.officer), csrfToken: row.csrfToken, expiresAt };
  }

  /** Sign-out: the row is deleted, so the cookie is worth nothing even if kept. */
  async destroy(token: string): Promise<void> {
    if (!token || token.length > 128) return;
    await this.prisma.officerSession.deleteMany({ where: { tokenHash: hashToken(token) } });
  }
}

/** Constant-time comparison of a form's CSRF token with the session's. */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
