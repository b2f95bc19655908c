// The web chat channel (contracts/webchat-api.md): HTTP in, the hub's replies out.
// It translates requests to InboundMessage and stored messages to JSON; nothing else.
import express, { type Request, type Response, type NextFunction } from 'express';
import multer from 'multer';
import type { Redis } from 'ioredis';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import { MEDIA_LIMITS, MediaRejected, type MediaStore } from '../../src/core/channel.js';
import type { InboundContent, InboundMessage, OutboundMessage } from '../../src/core/messages.js';
import { createWebchatLimits } from './rate-limits.js';

export interface WebchatHub {
  integrationId: string;
  handle(message: InboundMessage): Promise<{ replies: OutboundMessage[] }>;
  /** messages sent to the session after `afterId`; null when `afterId` is not this session's */
  history(sessionId: string, afterId?: string): Promise<OutboundMessage[] | null>;
  media: MediaStore;
  now?: () => Date;
  /** messages per 10 s from one address (default 300); the per-session 20 is the contract's */
  messagesPerAddress?: number;
  /** counts the limits in Redis, shared by every process (REDIS_URL); unset: in this process */
  redis?: Redis;
  /** the limits' Redis key prefix (tests keep theirs apart) */
  rateLimitPrefix?: string;
}

const sessionId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'sessionId must be 16-64 characters of A-Z a-z 0-9 _ -');

const messageBody = z
  .object({
    sessionId,
    text: z.string().trim().min(1, 'text must not be empty').max(4096, 'text must be at most 4096 characters').optional(),
    payload: z.string().min(1, 'payload must not be empty').max(256, 'payload must be at most 256 characters').optional(),
    location: z.object({
      latitude: z.number().min(-90, 'latitude must be within ±90').max(90, 'latitude must be within ±90'),
      longitude: z.number().min(-180, 'longitude must be within ±180').max(180, 'longitude must be within ±180'),
    }, { error: 'location must be {latitude, longitude}' }).optional(),
    language: z.enum(['id', 'en'], { error: 'language must be id or en' }).optional(),
  })
  .refine((b) => [b.text, b.payload, b.location].filter((v) => v !== undefined).length === 1, {
    message: 'exactly one of text, payload, location is required',
  });

// one session may send 20 messages in 10 seconds (the contract); one address 300, so that
// minting new session ids does not get around the limit, while an office or campus behind
// one NAT address still works
const WINDOW_SECONDS = 10;
const MESSAGES_PER_WINDOW = 20;
const MESSAGES_PER_ADDRESS = 300;
// The body is parsed in memory: every part of it is bounded, not only the file (one file
// field is all the contract asks; a few small fields leave room for clients that add one).
const UPLOAD_LIMITS = {
  fileSize: MEDIA_LIMITS.maxBytes,
  files: 1,
  fields: 5,
  fieldSize: 1024,
  fieldNameSize: 100,
  parts: 6,
  headerPairs: 20,
};
const UPLOAD_ERRORS: Partial<Record<multer.ErrorCode, [number, string]>> = {
  LIMIT_FILE_SIZE: [413, 'file is larger than 5 MiB'],
  LIMIT_FIELD_VALUE: [413, `a form field is larger than ${UPLOAD_LIMITS.fieldSize} bytes`],
  LIMIT_FIELD_KEY: [413, `a form field name is longer than ${UPLOAD_LIMITS.fieldNameSize} bytes`],
  LIMIT_FIELD_COUNT: [400, `too many form fields (at most ${UPLOAD_LIMITS.fields})`],
  LIMIT_PART_COUNT: [400, `too many parts (at most ${UPLOAD_LIMITS.parts})`],
  LIMIT_FILE_COUNT: [400, 'too many files (one is accepted)'],
  LIMIT_UNEXPECTED_FILE: [400, 'unexpected file field'],
};
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function createWebchatRouter(hub: WebchatHub): express.Router {
  const router = express.Router();
  const { perSession, perAddress } = createWebchatLimits({
    windowSeconds: WINDOW_SECONDS,
    perSession: MESSAGES_PER_WINDOW,
    perAddress: hub.messagesPerAddress ?? MESSAGES_PER_ADDRESS,
    redis: hub.redis,
    keyPrefix: hub.rateLimitPrefix,
  });
  const upload = multer({ storage: multer.memoryStorage(), limits: UPLOAD_LIMITS });
  const now = hub.now ?? (() => new Date());

  const rateLimited = async (session: string, req: Request, res: Response): Promise<boolean> => {
    try {
      // both counted at once (one round trip to Redis); this machine itself (tests, a
      // benchmark; a proxy is seen through X-Forwarded-For) is not limited by address
      await Promise.all([
        perSession.consume(session),
        ...(LOOPBACK.has(req.ip ?? '') ? [] : [perAddress.consume(req.ip ?? 'unknown')]),
      ]);
      return false;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      res.set('Retry-After', String(seconds)).status(429).json({ error: `too many messages; try again in ${seconds} s` });
      return true;
    }
  };

  const respond = async (res: Response, session: string, content: InboundContent, language?: 'id' | 'en') => {
    const { replies } = await hub.handle({
      integrationId: hub.integrationId,
      channel: 'webchat',
      chatId: session,
      sender: { externalId: session, ...(language ? { language } : {}) },
      content,
      receivedAt: now(),
    });
    res.json({ messages: replies.map(toJson) });
  };

  router.post('/messages', express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = messageBody.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: firstIssue(parsed.error) });
    const body = parsed.data;
    if (await rateLimited(body.sessionId, req, res)) return;
    const content: InboundContent = body.text !== undefined
      ? { kind: 'text', text: body.text }
      : body.payload !== undefined
        ? { kind: 'payload', payload: body.payload }
        : { kind: 'location', location: body.location! };
    await respond(res, body.sessionId, content, body.language);
  });

  router.post('/sessions/:sessionId/attachments', async (req, res, next) => {
    const session = sessionId.safeParse(req.params.sessionId);
    if (!session.success) return void res.status(400).json({ error: firstIssue(session.error) });
    upload.single('file')(req, res, async (error: unknown) => {
      try {
        if (error instanceof multer.MulterError) {
          const [status, reason] = UPLOAD_ERRORS[error.code] ?? [400, error.message];
          return void res.status(status).json({ error: `${reason} (send one field named "file")` });
        }
        if (error) return void res.status(400).json({ error: 'body must be multipart/form-data with one "file" field' });
        const file = req.file;
        if (!file) return void res.status(400).json({ error: 'multipart field "file" is required' });
        if (await rateLimited(session.data, req, res)) return;
        // staged: the conversation keeps it only if this turn takes it
        const attachment = await hub.media.save(file.buffer, { filename: file.originalname, mimeType: file.mimetype });
        await respond(res, session.data, { kind: 'attachment', attachment });
      } catch (e) {
        if (e instanceof MediaRejected) return void res.status(e.reason === 'too_large' ? 413 : 415).json({ error: e.message });
        next(e);
      }
    });
  });

  router.get('/sessions/:sessionId/messages', async (req, res) => {
    const session = sessionId.safeParse(req.params.sessionId);
    if (!session.success) return void res.status(400).json({ error: firstIssue(session.error) });
    if (Array.isArray(req.query.after)) return void res.status(400).json({ error: 'give after at most once' });
    const after = typeof req.query.after === 'string' && req.query.after !== '' ? req.query.after : undefined;
    const messages = await hub.history(session.data, after);
    if (!messages) return void res.status(400).json({ error: 'after must be the id of a message of this session' });
    res.json({ messages: messages.map(toJson) });
  });

  // malformed JSON and oversize bodies are the client's mistake: 4xx with a reason
  router.use((error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (error?.type === 'entity.too.large') return void res.status(413).json({ error: 'body is larger than 64 KiB' });
    if (error?.type === 'entity.parse.failed') return void res.status(400).json({ error: 'body is not valid JSON' });
    if (error?.status && error.status >= 400 && error.status < 500) return void res.status(error.status).json({ error: String((error as Error).message) });
    next(error);
  });
  return router;
}

function toJson(message: OutboundMessage) {
  return {
    id: message.id,
    text: message.text,
    ...(message.quickReplies?.length ? { quickReplies: message.quickReplies } : {}),
    ...(message.expects ? { expects: message.expects } : {}),
    createdAt: message.createdAt.toISOString(),
  };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  if (issue.code === 'invalid_type' && issue.path.length === 0) return 'body must be a JSON object';
  if (issue.code === 'unrecognized_keys') return issue.message;
  return issue.path.length && !issue.message.startsWith(String(issue.path[0])) ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
