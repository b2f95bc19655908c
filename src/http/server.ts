// The express app: every route the hub serves, mounted from parts built in src/app.ts.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { securityHeaders } from './security-headers.js';
import { rejectUnstorableText } from './text-guard.js';

export interface HttpParts {
  logger: Logger;
  metrics: Metrics;
  readiness: () => Promise<{ ok: boolean; checks: Record<string, { ok: boolean; detail?: string }> }>;
  /** true while the hub shuts down: responses ask keep-alive clients to close */
  closing?: () => boolean;
  /** routers by mount path, in order */
  mounts: [string, express.RequestHandler | express.Router][];
}

export function createHttpApp(parts: HttpParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use((req, res, next) => {
    if (parts.closing?.()) res.set('Connection', 'close');
    const end = parts.metrics.httpRequests.startTimer({ method: req.method });
    res.on('finish', () => end({ route: req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched', status: String(res.statusCode) }));
    next();
  });
  app.use(securityHeaders());
  app.use(rejectUnstorableText());

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const result = await parts.readiness();
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ready' : 'not ready', checks: result.checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', parts.metrics.registry.contentType).send(await parts.metrics.registry.metrics());
  });

  for (const [path, handler] of parts.mounts) app.use(path, handler);

  app.use((req, res) => void res.status(404).json({ error: `no route for ${req.method} ${req.path}` }));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
    if ((error as { type?: string }).type === 'entity.parse.failed') return void res.status(400).json({ error: 'body is not valid JSON' });
    if ((error as { type?: string }).type === 'entity.too.large') return void res.status(413).json({ error: 'body is too large' });
    if (status && status >= 400 && status < 500) return void res.status(status).json({ error: (error as Error).message });
    // the route pattern, not the path: a web chat path carries the session's secret id
    const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : req.baseUrl || 'unmatched';
    parts.logger.error({ err: (error as Error).message, stack: (error as Error).stack, method: req.method, route }, 'request failed');
    if (!res.headersSent) res.status(500).json({ error: 'internal error; the request was not completed' });
  });
  return app;
}
