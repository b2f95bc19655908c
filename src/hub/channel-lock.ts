// Run once per deployment: a PostgreSQL session advisory lock per integration, held on a
// connection of its own for as long as the adapter runs. The server frees the lock when that
// session ends (the process died, stopped, or lost its connection), and another process's
// next attempt takes it over.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { ChannelLogger } from '../core/channel.js';

export interface RunOnceLockOptions {
  connectionString: string;
  integrationId: string;
  /** how often a process without the lock tries again, and the holder checks its connection */
  retryMs: number;
  /** the lock was taken: start the adapter (never throws) */
  onAcquired(): Promise<void>;
  /** the lock is gone (connection broken, or stop): stop the adapter */
  onLost(): Promise<void>;
  logger: ChannelLogger;
}

/** A stable signed 64-bit key per integration id (as text, for `$1::bigint`). */
export function advisoryLockKey(integrationId: string): string {
  return createHash('sha256').update(`lapor-hub:channel:${integrationId}`).digest().readBigInt64BE(0).toString();
}

export class RunOnceLock {
  private client: pg.Client | undefined;
  private holding = false;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  /** every step runs after the one before: ticks, losses and stop never interleave */
  private chain: Promise<void> = Promise.resolve();
  private readonly key: string;

  constructor(private readonly options: RunOnceLockOptions) {
    this.key = advisoryLockKey(options.integrationId);
  }

  /** true while this process holds the lock (and runs the adapter) */
  get held(): boolean {
    return this.holding;
  }

  /** Resolves after the first attempt: readiness then says truly whether the channel runs here. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.chain = this.chain.then(() => this.tick());
    await this.chain;
    this.schedule(this.options.retryMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.chain = this.chain.then(() => this.release());
    await this.chain;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.chain = this.chain.then(() => this.tick()).finally(() => this.schedule(this.options.retryMs));
    }, ms);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = this.client ?? (await this.connect());
      if (this.holding) {
        // a connection that died silently must not leave two processes running the adapter
        await client.query('SELECT 1');
        return;
      }
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [this.key]);
      if (!rows[0]?.locked || this.stopped) {
        if (rows[0]?.locked) await client.query('SELECT pg_advisory_unlock($1::bigint)', [this.key]);
        return;
      }
      this.holding = true;
      this.options.logger.info({ integrationId: this.options.integrationId }, 'channel lock taken: this process runs the channel');
      await this.options.onAcquired();
    } catch (error) {
      await this.lose(error);
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.connectionString, keepAlive: true, connectionTimeoutMillis: 5_000 });
    // a terminated backend ('error') or a closed socket ('end'): the lock is gone with the session
    const broken = (error?: Error) => {
      if (this.client !== client) return;
      this.chain = this.chain.then(() => this.lose(error));
    };
    client.on('error', broken);
    client.on('end', () => broken());
    try {
      await client.connect();
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => {});
      throw error;
    }
    this.client = client;
    return client;
  }

  /** The connection is unusable: drop it; if the lock was ours, the adapter stops at once. */
  private async lose(error?: unknown): Promise<void> {
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => {});
    if (!this.holding) return;
    this.holding = false;
    this.options.logger.warn({ integrationId: this.options.integrationId, err: error instanceof Error ? error.message : 'connection closed' },
      'channel lock lost: the channel stops here until the lock is taken again');
    await this.options.onLost();
  }

  private async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (this.holding) {
      this.holding = false;
      await this.options.onLost();
    }
    // ending the session frees the lock
    await client?.end().catch(() => {});
  }
}
