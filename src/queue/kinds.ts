// The kinds of durable work and their payloads. Add a kind here (and its payload type)
// to let the hub enqueue it; runners only claim kinds they have a handler for.

export const JOB_KINDS = ['forward_complaint', 'deliver_message', 'post_response', 'channel_webhook', 'officer_post', 'officer_digest'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** Payloads hold ids only: the rows they name are the truth, and no personal data reaches Redis. */
export interface JobPayloads {
  forward_complaint: { complaintId: string };
  /** one batch of replies to one chat, delivered in order; enqueued with the chat's order key (outbound.ts) */
  deliver_message: { messageIds: string[] };
  post_response: { complaintId: string; eventId: string };
  /** a platform webhook stored by a channel's WebhookInbox, for its adapter's processWebhook */
  channel_webhook: { webhookId: string };
  /**
   * the officers' chat hears of a complaint event (filed, waiting to be filed by hand, failed,
   * the citizen wrote): the first one announces the report; enqueued with the chat's order key
   */
  officer_post: { complaintId: string; eventId: string; integrationId: string };
  /** the officers' chat of a Telegram bot gets the SLA digest of a day (YYYY-MM-DD, Asia/Jakarta) */
  officer_digest: { integrationId: string; day: string };
}

/** What a handler learns about the job besides its payload. `attempts` counts this run (1 = first). */
export interface JobInfo {
  id: string;
  kind: JobKind;
  attempts: number;
}

/**
 * The handler protocol:
 * - return normally: the job is done (also after a permanent failure the handler has recorded,
 *   e.g. complaint marked REJECTED and the citizen told);
 * - throw a permanent error (JobError 'permanent', ConnectorError rejected/conflict/not_found,
 *   ChannelError permanent/blocked): the job is dead-lettered at once, no retry;
 * - throw anything else: retried by the policy (auth slowly, others with backoff), dead after the window.
 * Handlers must be idempotent: a crash between the effect and `done` runs them again.
 */
export type JobHandler<K extends JobKind = JobKind> = (payload: JobPayloads[K], job: JobInfo) => Promise<void>;

/** Kinds without a handler are left alone (another process may handle them). */
export type JobHandlers = { [K in JobKind]?: JobHandler<K> };

export const isJobKind = (value: string): value is JobKind => (JOB_KINDS as readonly string[]).includes(value);
