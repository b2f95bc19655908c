// GET and POST /webhooks/whatsapp. Several numbers (integrations) may share one webhook URL
// (one Meta app, one callback URL for all its numbers), and every adapter mounts the same
// path: whichever handler gets the request first verifies it against every live number's
// app secret and hands each message or status to the adapter of the number it was sent to
// (metadata.phone_number_id). An entry for a number no adapter here serves is ignored.
//
// The answer waits only for the items to be stored (the inbox), never for their processing:
// Meta retries a webhook that is not answered 200 quickly.
import { timingSafeEqual as cryptoEqual } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { ChannelLogger } from '../../src/core/channel.js';
import { hasValidSignature, SIGNATURE_HEADER } from './signature.js';
import { MalformedWebhook, splitWebhook, type WebhookItem } from './webhook-payload.js';

export const WEBHOOK_PATH = '/webhooks/whatsapp';
export const WEBHOOK_BODY_LIMIT = '1mb';

export interface WebhookReceiver {
  integrationId: string;
  phoneNumberId: string;
  appSecret: string;
  verifyToken: string;
  /** stores the items durably (deduplicated); resolves when they are */
  accept(items: WebhookItem[]): Promise<void>;
}

/** Live receivers of this process by phone number id (a later adapter of the same number replaces an earlier one). */
const receivers = new Map<string, WebhookReceiver>();

export function registerReceiver(receiver: WebhookReceiver): () => void {
  receivers.set(receiver.phoneNumberId, receiver);
  return () => {
    if (receivers.get(receiver.phoneNumberId) === receiver) receivers.delete(receiver.phoneNumberId);
  };
}

/** The handler's own adapter first: it answers for its number even when unregistered. */
function candidates(own: WebhookReceiver): WebhookReceiver[] {
  return [own, ...[...receivers.values()].filter((r) => r.phoneNumberId !== own.phoneNumberId)];
}

export function webhookHandler(own: WebhookReceiver, logger: ChannelLogger): RequestHandler {
  const rawBody = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });
  return (req, res, next) => {
    if (req.path !== '/') return next();
    if (req.method === 'GET') return verifySubscription(own, req, res);
    if (req.method !== 'POST') return void res.status(405).set('Allow', 'GET, POST').json({ error: 'use GET or POST' });
    rawBody(req, res, (err?: unknown) => {
      if (err) return next(err);
      receive(own, req, res, logger).catch(next);
    });
  };
}

/** Meta's subscription check: echo hub.challenge when hub.verify_token is one of ours. */
function verifySubscription(own: WebhookReceiver, req: Request, res: Response): void {
  const mode = req.query['hub.mode'];
  const token = req.query['hub.verify_token'];
  const challenge = req.query['hub.challenge'];
  const known = typeof token === 'string' && candidates(own).some((r) => constantTimeEqual(r.verifyToken, token));
  if (mode !== 'subscribe' || !known || typeof challenge !== 'string') {
    return void res.status(403).json({ error: 'verification failed: hub.mode must be subscribe and hub.verify_token must match' });
  }
  res.status(200).type('text/plain').send(challenge);
}

async function receive(own: WebhookReceiver, req: Request, res: Response, logger: ChannelLogger): Promise<void> {
  const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const header = req.headers[SIGNATURE_HEADER];
  const all = candidates(own);
  const signedWith = [...new Set(all.map((r) => r.appSecret))].find((secret) => hasValidSignature(body, header, secret));
  if (signedWith === undefined) {
    logger.warn({ integrationId: own.integrationId, signature: header === undefined ? 'missing' : 'invalid' }, 'WhatsApp webhook refused: bad signature');
    return void res.status(401).json({ error: 'X-Hub-Signature-256 is missing or does not match the body' });
  }
  let items: WebhookItem[];
  try {
    items = splitWebhook(JSON.parse(body.toString('utf8')));
  } catch (err) {
    const error = err instanceof MalformedWebhook ? err.message : 'body is not valid JSON';
    return void res.status(400).json({ error });
  }
  const byNumber = new Map(all.filter((r) => r.appSecret === signedWith).map((r) => [r.phoneNumberId, r]));
  const batches = new Map<WebhookReceiver, WebhookItem[]>();
  let ignored = 0;
  for (const item of items) {
    const receiver = byNumber.get(item.phoneNumberId);
    if (!receiver) {
      ignored += 1;
      continue;
    }
    batches.set(receiver, [...(batches.get(receiver) ?? []), item]);
  }
  if (ignored) logger.info({ integrationId: own.integrationId, ignored }, 'WhatsApp webhook entries for a number not served here ignored');
  // answered only once stored: a failure here is a 500, and Meta delivers the webhook again
  await Promise.all([...batches].map(([receiver, batch]) => receiver.accept(batch)));
  res.status(200).json({ ok: true });
}

function constantTimeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  // lengths differ: still compare something of equal length so the time does not tell much
  return a.length === b.length ? cryptoEqual(a, b) : (cryptoEqual(a, a), false);
}
