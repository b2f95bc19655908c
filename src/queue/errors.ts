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
