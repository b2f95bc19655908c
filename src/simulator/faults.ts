// Fault injection, so that the simulator doubles as the failing fake: the next n API
// requests (optionally only those matching `path`) answer with a chosen status, header,
// raw body, or only after a delay.
import type { RequestHandler } from 'express';

export interface Fault {
  /** answer with this status instead of serving the request (a 2xx with `body` fakes a malformed answer) */
  status?: number;
  /** `Retry-After` header value: seconds (`'2'`) or an HTTP date */
  retryAfter?: string;
  /** raw response body; default `{"error":"simulated fault"}` */
  body?: string;
  /** wait this long first (then answer `status`, or serve normally): fakes a slow or hung server */
  delayMs?: number;
  /** only requests whose `METHOD /path` starts with this, e.g. `POST /complaints` */
  path?: string;
}

interface Pending {
  left: number;
  fault: Fault;
}

export class FaultQueue {
  private pending: Pending[] = [];

  add(count: number, fault: Fault): void {
    if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
    this.pending.push({ left: count, fault });
  }

  clear(): void {
    this.pending = [];
  }

  size(): number {
    return this.pending.reduce((n, p) => n + p.left, 0);
  }

  /** Takes the first pending fault that matches this request, if any. */
  take(method: string, path: string): Fault | undefined {
    const target = `${method} ${path}`;
    const p = this.pending.find((x) => !x.fault.path || target.startsWith(x.fault.path));
    if (!p) return undefined;
    if (--p.left === 0) this.pending.splice(this.pending.indexOf(p), 1);
    return p.fault;
  }

  readonly middleware: RequestHandler = async (req, res, next) => {
    const fault = this.take(req.method, req.path);
    if (!fault) return next();
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.status === undefined) return next();
    if (fault.retryAfter !== undefined) res.set('Retry-After', fault.retryAfter);
    res.status(fault.status).type('application/json').send(fault.body ?? '{"error":"simulated fault"}');
  };
}
