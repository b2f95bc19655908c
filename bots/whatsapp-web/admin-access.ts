// Who may see the pairing page: the QR links a phone to this hub, so it is the agency's secret.
// With ADMIN_API_KEY: `Authorization: Bearer <key>` (compared in constant time). Without it:
// direct requests from this machine only, decided as the LAPOR! simulator does
// (src/simulator/local-only.ts): a loopback socket, no proxy's forwarding headers, a loopback Host.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;
const FORWARDING_HEADERS = ['forwarded', 'via', 'x-real-ip', 'x-client-ip', 'true-client-ip', 'cf-connecting-ip',
  'fastly-client-ip', 'x-cluster-client-ip', 'x-original-forwarded-for', 'x-originating-ip', 'x-remote-ip', 'x-remote-addr', 'x-host', 'x-original-host'];

const digest = (text: string) => createHash('sha256').update(text).digest();

function isLocal(req: Request): boolean {
  const relayed = Object.keys(req.headers).some((h) => h.startsWith('x-forwarded-') || FORWARDING_HEADERS.includes(h));
  return LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? '') && !relayed && LOOPBACK_HOST.test(req.headers.host ?? '');
}

export function adminOnly(apiKey: string | undefined): RequestHandler {
  const expected = apiKey ? digest(apiKey) : undefined;
  return (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    if (!expected) {
      if (isLocal(req)) return next();
      return void res.status(403).json({
        error: 'the WhatsApp pairing page answers only on this machine (localhost) while ADMIN_API_KEY is not set',
      });
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (match && timingSafeEqual(digest(match[1]!), expected)) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer').json({
      error: match ? 'wrong API key' : 'missing API key: send Authorization: Bearer <ADMIN_API_KEY>',
    });
  };
}
