// The LAPOR! simulator: an express Router serving the whole of contracts/lapor-api-v1.md,
// plus control endpoints and a page that play LAPOR!'s side (status changes, agency replies).
// The hub mounts it at /simulator/lapor when LAPOR_API_URL is unset.
import { timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response, type Router } from 'express';
import { LAPOR_STATUSES, type LaporStatus } from '../core/taxonomy.js';
import { FaultQueue, type Fault } from './faults.js';
import { localOnly, sameOriginJson } from './local-only.js';
import { renderPage } from './page.js';
import { complaintView, filedAnswer, SimulatorStore, type Recalled, type SimReport, type SimUpdate } from './store.js';
import { validateIdempotencyKey, validateReport, validateResponseRequest, type FieldError } from './validate.js';

export interface LaporSimulatorOptions {
  /** when set, API requests need `Authorization: Bearer <token>` (the control page does not) */
  token?: string;
  /** base of report links (`${publicBaseUrl}/laporan/<id>`); default: the URL it is mounted at */
  publicBaseUrl?: string;
  /** JSON file that keeps the state across restarts */
  persistFile?: string;
  now?: () => Date;
}

/** What tests and the hub use besides HTTP. */
export interface LaporSimulatorControl {
  /** the next `count` API requests (matching `fault.path` when given) fail as described */
  failNext(count: number, fault: Fault): void;
  clearFaults(): void;
  /** faults not yet served */
  pendingFaults(): number;
  setStatus(trackingId: string, status: LaporStatus, institution?: string | null): SimUpdate;
  addResponse(trackingId: string, input: { message: string; author?: string | null; role?: 'instansi' | 'admin' }): SimUpdate;
  reports(): SimReport[];
  report(trackingId: string): SimReport | undefined;
  updates(): SimUpdate[];
  reset(): void;
}

export interface LaporSimulator {
  router: Router;
  control: LaporSimulatorControl;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

export function createLaporSimulator(options: LaporSimulatorOptions = {}): LaporSimulator {
  const now = options.now ?? (() => new Date());
  const store = new SimulatorStore(options.persistFile, now);
  const faults = new FaultQueue();
  const router = express.Router();
  router.use(localOnly);
  const json = express.json({ limit: '2mb' });
  // everything that changes state through the page
  const controlAction: RequestHandler[] = [sameOriginJson, json];
  // the body is read before a fault's delay, so a slow fault still files what it received
  // (as a real server that answers too late does), and the client's retry must replay it
  const api: RequestHandler[] = [bearer(options.token), json, faults.middleware];
  const base = (req: Request) => (options.publicBaseUrl ?? `${req.protocol}://${req.get('host')}${req.baseUrl}`).replace(/\/+$/, '');

  // ---- the contract ----
  router.post('/complaints', ...api, (req, res) => {
    const key = req.get('idempotency-key');
    const keyErrors = validateIdempotencyKey(key);
    if (keyErrors.length > 0) return invalid(res, keyErrors);
    const seen = store.recallReport(key!, req.body);
    if (seen) return replay(res, seen);
    const errors = validateReport(req.body, now());
    if (errors.length > 0) return invalid(res, errors);
    const report = store.createReport(key!, req.body as Record<string, unknown>, (id) => `${base(req)}/laporan/${id}`);
    res.status(201).json(filedAnswer(report));
  });

  router.get('/complaints/:id', ...api, (req, res) => {
    const report = store.report(String(req.params.id));
    if (!report) return notFound(res);
    res.json(complaintView(report));
  });

  router.get('/updates', ...api, (req, res) => {
    const raw = req.query.cursor;
    if (raw !== undefined && typeof raw !== 'string') return invalid(res, [{ field: 'cursor', message: 'give one cursor' }]);
    const cursor = raw ? raw : null;
    const limit = parseLimit(req.query.limit);
    if (limit === undefined) return invalid(res, [{ field: 'limit', message: 'must be a positive integer' }]);
    const page = store.page(cursor, limit);
    if (!page) return invalid(res, [{ field: 'cursor', message: 'unknown cursor' }]);
    res.json(page);
  });

  router.post('/complaints/:id/responses', ...api, (req, res) => {
    const report = store.report(String(req.params.id));
    if (!report) return notFound(res);
    const key = req.get('idempotency-key');
    const keyErrors = validateIdempotencyKey(key);
    if (keyErrors.length > 0) return invalid(res, keyErrors);
    const seen = store.recallResponse(report.tracking_id, key!, req.body);
    if (seen) return replay(res, seen);
    const errors = validateResponseRequest(req.body);
    if (errors.length > 0) return invalid(res, errors);
    res.status(201).json(store.createHubResponse(report, key!, req.body));
  });

  // ---- control: play LAPOR!'s admins and agencies ----
  const control: LaporSimulatorControl = {
    failNext: (count, fault) => faults.add(count, fault),
    clearFaults: () => faults.clear(),
    pendingFaults: () => faults.size(),
    setStatus: (id, status, institution) => store.setStatus(id, status, institution),
    addResponse: (id, input) => store.addResponse(id, input),
    reports: () => store.reports(),
    report: (id) => store.report(id),
    updates: () => store.updates(),
    reset: () => {
      faults.clear();
      store.reset();
    },
  };

  router.get('/', (req, res) => {
    res.type('html').set('Cache-Control', 'no-store').send(renderPage(req.baseUrl, String(res.locals.cspNonce)));
  });
  router.get('/laporan/:id', (req, res) => res.redirect(`${req.baseUrl}/#laporan-${encodeURIComponent(String(req.params.id))}`));
  router.get('/control/reports', (_req, res) => {
    res.json({ reports: store.reports(), faults: faults.size() });
  });
  router.get('/control/updates', (_req, res) => {
    res.json({ updates: store.updates() });
  });
  router.post('/control/reports/:id/status', ...controlAction, (req, res) => {
    const { status, institution } = (req.body ?? {}) as { status?: string; institution?: string | null };
    if (!LAPOR_STATUSES.includes(status as LaporStatus)) return controlError(res, 400, `status must be one of ${LAPOR_STATUSES.join(', ')}`);
    attempt(res, () => store.setStatus(String(req.params.id), status as LaporStatus, institution));
  });
  router.post('/control/reports/:id/responses', ...controlAction, (req, res) => {
    const { message, author, role } = (req.body ?? {}) as { message?: string; author?: string | null; role?: string };
    if (role !== undefined && role !== 'instansi' && role !== 'admin') return controlError(res, 400, 'role must be instansi or admin');
    attempt(res, () => store.addResponse(String(req.params.id), { message: String(message ?? ''), author: author ?? null, ...(role && { role }) }));
  });
  router.post('/control/faults', ...controlAction, (req, res) => {
    const { count = 1, ...fault } = (req.body ?? {}) as Fault & { count?: number };
    try {
      faults.add(Number(count), fault);
      res.status(201).json({ pending: faults.size() });
    } catch (err) {
      controlError(res, 400, (err as Error).message);
    }
  });
  router.delete('/control/faults', ...controlAction, (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  router.post('/control/reset', ...controlAction, (_req, res) => {
    control.reset();
    res.status(204).end();
  });

  router.use(jsonErrors);
  return { router, control };
}

/** Without a configured token every request passes; with one, only the exact bearer token. */
function bearer(token: string | undefined): RequestHandler {
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  return (req, res, next) => {
    if (!expected) return next();
    const given = Buffer.from(req.get('authorization') ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'invalid or missing bearer token' });
  };
}

/** `limit` absent → 100; above 500 → 500; anything but a positive integer → undefined (400). */
export function parseLimit(raw: unknown): number | undefined {
  if (raw === undefined) return DEFAULT_LIMIT;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < 1) return undefined;
  return Math.min(Number(raw), MAX_LIMIT);
}

const invalid = (res: Response, errors: FieldError[]) => res.status(400).json({ errors });
const conflict = (res: Response) =>
  res.status(409).json({ error: 'Idempotency-Key already used with a different body' });
const replay = (res: Response, seen: Recalled) =>
  seen.kind === 'replay' ? res.status(200).json(seen.answer) : conflict(res);
const notFound = (res: Response) => res.status(404).json({ error: 'unknown tracking id' });
const controlError = (res: Response, status: number, error: string) => res.status(status).json({ error });

function attempt(res: Response, action: () => SimUpdate): void {
  try {
    res.status(201).json(action());
  } catch (err) {
    const message = (err as Error).message;
    controlError(res, message.startsWith('unknown tracking id') ? 404 : 400, message);
  }
}

/** Body-parser failures (bad JSON, too large) as the contract's 400 shape. */
const jsonErrors: ErrorRequestHandler = (err: { status?: number; message?: string }, _req, res, next) => {
  if (res.headersSent) return next(err);
  const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 500) return res.status(500).json({ error: 'simulator error' });
  res.status(status).json({ errors: [{ field: 'body', message: err.message ?? 'invalid request body' }] });
};
