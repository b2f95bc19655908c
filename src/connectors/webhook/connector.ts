// The `webhook` connector: forwards reports to a regional complaint system that is not LAPOR!.
//
// What the regional system receives and must answer:
//
// - `POST <url>` with the exact POST /complaints body of contracts/lapor-api-v1.md, and headers
//   `Content-Type: application/json`, `Idempotency-Key: <complaint id>`,
//   `X-Hub-Event: report`, `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with
//   the shared secret>`. It must check the signature and treat a repeated Idempotency-Key as the
//   same report (the hub may resend after a timeout).
//   Answer 2xx with JSON `{ "tracking_id": "<string>", "status"?: "<LAPOR! status word>",
//   "url"?: "<string>" }`, or 2xx with no body / no `tracking_id`: the report is then tracked
//   under the complaint id's short form (see `shortId`). A 2xx body that is not JSON, or a
//   `tracking_id` that is not a string, counts as a failure and is retried.
// - `POST <url>/responses` with `{ "tracking_id", "message", "role": "pelapor"|"instansi",
//   "author" }`, same headers (`X-Hub-Event: response`). Answer 2xx, optionally with
//   `{ "id": "<string>", "created_at": "<ISO date>" }`.
// - Errors, as for LAPOR!: 400 `{ "errors": [{ "field", "message" }] }` rejects the report
//   (never retried); 401/403 is a configuration error; 404 unknown tracking id; 409 key reused
//   with another body; 429 (with Retry-After) and 5xx are retried with backoff.
//
// Status changes are not pulled: the regional system (or an officer) reports them through the
// hub's admin API, so `fetchUpdates` is always an empty page.
import { z } from 'zod';
import { LAPOR_STATUSES } from '../../core/taxonomy.js';
import { ConnectorError, type Connector, type FiledReport, type LaporReportBody, type UpdatesPage } from '../connector.js';
import { assertOk, send, tryJson, type HttpResult } from '../http.js';
import { signBody } from '../signature.js';

export interface WebhookConnectorOptions {
  url: string;
  secret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

const filedAnswer = z.object({
  tracking_id: z.string().min(1).optional(),
  status: z.enum(LAPOR_STATUSES).optional(),
  url: z.string().nullish(),
});
const responseAnswer = z.object({
  id: z.string().min(1).optional(),
  created_at: z.iso.datetime({ offset: true }).optional(),
});

/** The tracking id of a report whose receiver gave none: the complaint id's first 8 hex digits. */
export function shortId(complaintId: string): string {
  return complaintId.replace(/[^0-9a-z]/gi, '').slice(0, 8).toUpperCase();
}

export class WebhookConnector implements Connector {
  readonly type = 'webhook' as const;
  private readonly url: string;
  private readonly now: () => Date;

  constructor(private readonly options: WebhookConnectorOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.now = options.now ?? (() => new Date());
  }

  async submit(report: LaporReportBody, idempotencyKey: string): Promise<FiledReport> {
    const res = await this.post(this.url, 'report', report, idempotencyKey);
    const answer = this.answer(res, filedAnswer, 'webhook POST');
    return {
      trackingId: answer.tracking_id ?? shortId(idempotencyKey),
      status: answer.status ?? 'BELUM_TERVERIFIKASI',
      url: answer.url ?? null,
      createdAt: this.now(),
    };
  }

  async fetchUpdates(cursor: string | null): Promise<UpdatesPage> {
    return { updates: [], nextCursor: cursor };
  }

  async postResponse(
    trackingId: string,
    response: { message: string; role: 'pelapor' | 'instansi'; author: string | null },
    idempotencyKey: string,
  ): Promise<{ id: string; createdAt: Date }> {
    const body = { tracking_id: trackingId, ...response };
    const res = await this.post(`${this.url}/responses`, 'response', body, idempotencyKey);
    const answer = this.answer(res, responseAnswer, 'webhook POST /responses');
    return {
      id: answer.id ?? idempotencyKey,
      createdAt: answer.created_at ? new Date(answer.created_at) : this.now(),
    };
  }

  /** No probe: a regional endpoint need not answer anything but POSTs. */
  async health(): Promise<{ ok: boolean; detail?: string }> {
    return { ok: true, detail: `posts to ${new URL(this.url).host}` };
  }

  private post(url: string, event: string, body: unknown, idempotencyKey: string): Promise<HttpResult> {
    const raw = JSON.stringify(body);
    return send({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'idempotency-key': idempotencyKey,
        'x-hub-event': event,
        'x-hub-signature-256': signBody(raw, this.options.secret),
      },
      body: raw,
      ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
      ...(this.options.fetch && { fetch: this.options.fetch }),
    });
  }

  /** 2xx with an empty body is an answer with no fields; anything unreadable is `retry`. */
  private answer<T extends z.ZodType>(res: HttpResult, schema: T, what: string): z.output<T> {
    assertOk(res, what);
    const json = res.text.trim() === '' ? {} : tryJson(res.text);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const why = json === undefined ? 'a body that is not JSON' : `a malformed body: ${z.prettifyError(parsed.error)}`;
      throw new ConnectorError('retry', `${what}: HTTP ${res.status} with ${why}`, { status: res.status });
    }
    return parsed.data;
  }
}
