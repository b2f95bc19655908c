// The admin API's gate: off entirely without ADMIN_API_KEY, else a bearer key compared in
// constant time (both sides hashed first, so neither length nor content leaks through timing).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export function adminOff(): RequestHandler {
  return (_req, res) => void res.status(404).json({ error: 'the admin API is off: ADMIN_API_KEY is not set' });
}

export function requireApiKey(apiKey: string): RequestHandler {
  const expected = digest(apiKey);
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (match && timingSafeEqual(digest(match[1]!), expected)) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer').json({
      error: match ? 'wrong API key' : 'missing API key: send Authorization: Bearer <ADMIN_API_KEY>',
    });
  };
}
