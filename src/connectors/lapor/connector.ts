// The `lapor` connector: an HTTP client of contracts/lapor-api-v1.md over global fetch.
// It never retries; every failure is a ConnectorError whose kind tells the queue what to do.
import type { Connector, ConnectorError, FiledReport, LaporReportBody, UpdatesPage } from '../connector.js';
import { assertOk, parseBody, send, type HttpResult } from '../http.js';
import { complaintStateSchema, filedSchema, postedResponseSchema, updatesPageSchema, type ComplaintState } from './wire.js';

export interface LaporConnectorOptions {
  /** base URL, no trailing slash needed; a path prefix (e.g. `/lapor/v1`) is kept */
  apiUrl: string;
  token?: string;
  /** per request, default 15 s */
  timeoutMs?: number;
  /** hub category → the agency's LAPOR! topic id, applied to `category` when set */
  categoryMap?: Record<string, string>;
  fetch?: typeof fetch;
  /** told of every failed request (metrics): HTTP status, or `network` / `timeout` without one */
  onError?: (operation: LaporOperation, status: string) => void;
}

/** The API's operations, as the metrics name them. */
export type LaporOperation = 'submit' | 'updates' | 'response' | 'complaint' | 'health';

export class LaporConnector implements Connector {
  readonly type = 'lapor' as const;
  private readonly base: string;

  constructor(private readonly options: LaporConnectorOptions) {
    this.base = options.apiUrl.replace(/\/+$/, '');
  }

  async submit(report: LaporReportBody, idempotencyKey: string): Promise<FiledReport> {
    const category = this.options.categoryMap?.[report.category] ?? report.category;
    const res = await this.request('submit', 'POST', '/complaints', { ...report, category }, idempotencyKey);
    return this.checked('submit', () => {
      assertOk(res, 'LAPOR! POST /complaints');
      return parseBody(res, filedSchema, 'LAPOR! POST /complaints');
    });
  }

  /**
   * One page of the feed after `cursor`. A `rejected` error here means LAPOR! does not know
   * the cursor (400); the poller decides whether to restart from the beginning.
   */
  async fetchUpdates(cursor: string | null, limit?: number): Promise<UpdatesPage> {
    const query = new URLSearchParams();
    if (cursor !== null) query.set('cursor', cursor);
    if (limit !== undefined) query.set('limit', String(limit));
    const qs = query.size > 0 ? `?${query}` : '';
    const res = await this.request('updates', 'GET', `/updates${qs}`);
    return this.checked('updates', () => {
      assertOk(res, 'LAPOR! GET /updates');
      return parseBody(res, updatesPageSchema, 'LAPOR! GET /updates');
    });
  }

  async postResponse(
    trackingId: string,
    response: { message: string; role: 'pelapor' | 'instansi'; author: string | null },
    idempotencyKey: string,
  ): Promise<{ id: string; createdAt: Date }> {
    const path = `/complaints/${encodeURIComponent(trackingId)}/responses`;
    const res = await this.request('response', 'POST', path, response, idempotencyKey);
    return this.checked('response', () => {
      assertOk(res, 'LAPOR! POST /complaints/{id}/responses');
      return parseBody(res, postedResponseSchema, 'LAPOR! POST /complaints/{id}/responses');
    });
  }

  /** GET /complaints/{tracking_id}: the report's current state (status check on demand). */
  async getComplaint(trackingId: string): Promise<ComplaintState> {
    const res = await this.request('complaint', 'GET', `/complaints/${encodeURIComponent(trackingId)}`);
    return this.checked('complaint', () => {
      assertOk(res, 'LAPOR! GET /complaints/{id}');
      return parseBody(res, complaintStateSchema, 'LAPOR! GET /complaints/{id}');
    });
  }

  /** Reachable and the token accepted: one read of the feed's first entry. */
  async health(): Promise<{ ok: boolean; detail?: string }> {
    try {
      const res = await this.request('health', 'GET', '/updates?limit=1');
      this.checked('health', () => assertOk(res, 'LAPOR! GET /updates'));
      return { ok: true };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  /** Reads an answer; a non-2xx or malformed one is told to onError (with its status) and thrown. */
  private checked<T>(operation: LaporOperation, read: () => T): T {
    try {
      return read();
    } catch (error) {
      const status = (error as ConnectorError).details?.status;
      this.options.onError?.(operation, status === undefined ? 'unknown' : String(status));
      throw error;
    }
  }

  private async request(operation: LaporOperation, method: 'GET' | 'POST', path: string, body?: unknown, idempotencyKey?: string): Promise<HttpResult> {
    const headers: Record<string, string> = {};
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    try {
      return await send({
        method,
        url: `${this.base}${path}`,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
        ...(this.options.fetch && { fetch: this.options.fetch }),
      });
    } catch (error) {
      // no answer at all: send() says whether it timed out
      this.options.onError?.(operation, /timed out/.test((error as Error).message) ? 'timeout' : 'network');
      throw error;
    }
  }
}
