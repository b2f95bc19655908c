// An error a handler may throw to state its outcome explicitly (besides ConnectorError and ChannelError).
export class JobError extends Error {
  constructor(
    /** permanent: dead-letter now; retry: try again, not before retryAfterMs when given */
    readonly kind: 'permanent' | 'retry',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'JobError';
  }
}

/**
 * Not a failure: this process cannot run the job now (the channel it needs is held by another
 * process) and it should come back after retryAfterMs, when a process that can may claim it.
 * A deferral never dead-letters and does not open the retry window of a job that has not failed.
 */
export class JobDeferred extends Error {
  constructor(message: string, readonly retryAfterMs: number) {
    super(message);
    this.name = 'JobDeferred';
  }
}
