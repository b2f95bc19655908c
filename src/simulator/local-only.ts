// The simulator's trust boundary: it plays LAPOR! for the machine running it, and its pages
// list reporters' details. So: loopback sockets only, no request relayed by a proxy (a proxy
// on this machine also connects from loopback, its visitors are not local), a loopback Host
// only (a DNS-rebinding page sends its own name), and state changes only as same-origin JSON
// (a page of another origin can send a form or a no-cors fetch, never JSON without asking).
import type { Request, RequestHandler, Response } from 'express';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;
/** headers a proxy adds to say who the visitor was; any of them means a relayed request */
const FORWARDING_HEADERS = ['forwarded', 'via', 'x-real-ip', 'x-client-ip', 'true-client-ip', 'cf-connecting-ip',
  'fastly-client-ip', 'x-cluster-client-ip', 'x-original-forwarded-for', 'x-originating-ip', 'x-remote-ip', 'x-remote-addr', 'x-host', 'x-original-host'];

const refuse = (res: Response, error: string) => void res.status(403).json({ error });

const relayed = (req: Request): boolean =>
  Object.keys(req.headers).some((h) => h.startsWith('x-forwarded-') || FORWARDING_HEADERS.includes(h));

/** Every route: a direct request from this machine, addressed to a loopback name. */
export const localOnly: RequestHandler = (req, res, next) => {
  if (!LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? '') || relayed(req) || !LOOPBACK_HOST.test(req.headers.host ?? '')) {
    return refuse(res, 'the LAPOR! simulator answers only on the machine running it, at localhost or 127.0.0.1');
  }
  next();
};

/** Control actions: JSON, and from this very origin when a browser says where it comes from. */
export const sameOriginJson: RequestHandler = (req, res, next) => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return refuse(res, 'control actions take a JSON request (Content-Type: application/json)');
  const origin = req.headers.origin;
  // protocol from the socket: forwarding headers were refused above
  if (origin !== undefined && origin.toLowerCase() !== `${req.protocol}://${req.headers.host}`.toLowerCase()) {
    return refuse(res, 'control actions are accepted only from the simulator\'s own page');
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return refuse(res, 'control actions are accepted only from the simulator\'s own page');
  }
  next();
};
