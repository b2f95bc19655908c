// The one interface every destination implements (lapor, webhook, manual).
// A connector never knows which chat a complaint came from.
import type { LaporStatus } from '../core/taxonomy.js';

/** The POST /complaints body of contracts/lapor-api-v1.md, exactly as sent on the wire. */
export interface LaporReportBody {
  classification: 'PENGADUAN' | 'ASPIRASI' | 'PERMINTAAN_INFORMASI';
  title: string;
  content: string;
  date_of_incident: string | null;
  category: string;
  location: {
    code?: string | null;
    name?: string | null;
    address?: string | null;
    latitude?: number | null;
    longitude?: number | null;
  } | null;
  institution_id: string | null;
  is_anonymous: boolean;
  is_secret: boolean;
  reporter: { name: string; phone: string; email: string | null } | null;
  attachments?: { filename: string; mime_type: string; url: string }[];
  channel: 'telegram' | 'whatsapp' | 'webchat' | 'console' | 'api';
  source_app: string;
}

export interface FiledReport {
  trackingId: string;
  status: LaporStatus;
  url: string | null;
  createdAt: Date;
}

export interface LaporResponse {
  id: string;
  author: string | null;
  role: 'admin' | 'instansi' | 'pelapor';
  message: string;
  createdAt: Date;
}

export interface LaporUpdate {
  id: string;
  trackingId: string;
  type: 'status' | 'response';
  status: LaporStatus;
  institution?: string | null;
  response?: LaporResponse;
  at: Date;
}

export interface UpdatesPage {
  updates: LaporUpdate[];
  nextCursor: string | null;
}

/**
 * Why a call failed, so that the queue decides without knowing HTTP:
 * - rejected: the report is invalid (400); do not retry, tell the citizen `fieldErrors`.
 * - auth: 401/403, configuration error; mark the integration unhealthy and alert.
 * - conflict: 409, idempotency key reused with another body; do not retry.
 * - not_found: 404.
 * - retry: 429/5xx/network/timeout; retry later, not before `retryAfterMs` when given.
 */
export type ConnectorErrorKind = 'rejected' | 'auth' | 'conflict' | 'not_found' | 'retry';

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly details: {
      status?: number;
      retryAfterMs?: number;
      fieldErrors?: { field: string; message: string }[];
    } = {},
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export interface Connector {
  readonly type: 'lapor' | 'webhook' | 'manual';
  /**
   * Files a report. The same idempotencyKey (the complaint id) always yields the same
   * report. `null` means accepted but the tracking id comes later (manual filing).
   */
  submit(report: LaporReportBody, idempotencyKey: string): Promise<FiledReport | null>;
  /** Changes made on the destination's side since `cursor`, oldest first. */
  fetchUpdates(cursor: string | null, limit?: number): Promise<UpdatesPage>;
  postResponse(
    trackingId: string,
    response: { message: string; role: 'pelapor' | 'instansi'; author: string | null },
    idempotencyKey: string,
  ): Promise<{ id: string; createdAt: Date }>;
  health(): Promise<{ ok: boolean; detail?: string }>;
}
