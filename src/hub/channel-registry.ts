// The channel registry: from the list of channel factories (src/app.ts), the configuration and
// the hub's services it bootstraps each integration's row, builds its adapter with its
// ChannelContext, and runs it: routes for every HTTP process, readiness, start/stop, and the
// adapter a delivery goes through. Run-once adapters run only where their lock is held.
import type { PrismaClient } from '@prisma/client';
import type {
  ChannelAdapter, ChannelContext, ChannelFactory, ChannelLogger, ChannelRoute, InboundHandler, IntegrationSpec, MediaStore,
} from '../core/channel.js';
import type { OutboundMessage } from '../core/messages.js';
import type { ChannelType } from '../core/taxonomy.js';
import type { Database } from '../db/client.js';
import { DEFAULT_AGENCY_ID, ensureIntegration } from './bootstrap.js';
import { deliveryLog } from './channel-deliveries.js';
import { webhookInbox } from './channel-inbox.js';
import { RunOnceLock } from './channel-lock.js';
import { channelStateStore } from './channel-state.js';
import { IntegrationStatus } from './channel-status.js';
import type { QueueWaker } from './ports.js';

/** How often a process without a run-once channel's lock tries to take it (default 5 s). */
export const DEFAULT_LOCK_RETRY_MS = 5_000;
/** How often a running adapter's health is recorded on its integration (default 30 s). */
export const DEFAULT_STATUS_EVERY_MS = 30_000;
/** stop(): how long the last status writes may take */
const STATUS_FLUSH_MS = 2_000;

export interface ChannelRegistryDeps<Env> {
  factories: readonly ChannelFactory<Env>[];
  env: Env;
  /** only these channel types (a command that runs one channel); default: every factory */
  types?: readonly ChannelType[];
  /** per channel type, handed to its factory's create() */
  tuning?: Partial<Record<ChannelType, unknown>>;
  db: Database;
  /** false: the database is shared with other processes even if it is PGlite (never in production) */
  soleProcess: boolean;
  onInbound: InboundHandler;
  media: MediaStore;
  logger: ChannelLogger;
  now: () => Date;
  publicUrl: () => string;
  queue: QueueWaker;
  history(integrationId: string, chatId: string, afterId?: string): Promise<OutboundMessage[] | null>;
  lockRetryMs?: number;
  statusEveryMs?: number;
}

interface Entry {
  spec: IntegrationSpec;
  type: ChannelType;
  adapter: ChannelAdapter;
  status: IntegrationStatus;
  /** run-once adapters on PostgreSQL */
  lock?: RunOnceLock;
  /** started in this process (and not stopped since) */
  running: boolean;
}

export class ChannelRegistry {
  private readonly entries = new Map<string, Entry>();
  private statusTimer: NodeJS.Timeout | undefined;
  private started = false;

  private constructor(private readonly deps: ChannelRegistryDeps<unknown>) {}

  /** Writes the integrations' rows (default agency, ids stable across restarts) and builds the adapters. */
  static async create<Env>(deps: ChannelRegistryDeps<Env>): Promise<ChannelRegistry> {
    const registry = new ChannelRegistry(deps as ChannelRegistryDeps<unknown>);
    const prisma = deps.db.prisma;
    const types = new Set(deps.types ?? deps.factories.map((f) => f.type));
    for (const factory of deps.factories) {
      if (!types.has(factory.type)) continue;
      for (const fromEnv of factory.fromEnv(deps.env)) {
        if (registry.entries.has(fromEnv.id)) throw new Error(`two channel integrations have the id ${fromEnv.id}`);
        const spec: IntegrationSpec = { ...fromEnv, agencyId: DEFAULT_AGENCY_ID };
        await ensureIntegration(prisma, spec.id, factory.type, spec.name, spec.agencyId);
        const status = new IntegrationStatus({ prisma, integrationId: spec.id, now: deps.now, logger: deps.logger });
        const context = registry.contextFor(prisma, spec.id, status);
        const adapter = factory.create(spec, context, deps.tuning?.[factory.type] as never);
        registry.entries.set(spec.id, { spec, type: factory.type, adapter, status, running: false });
      }
    }
    return registry;
  }

  private contextFor(prisma: PrismaClient, integrationId: string, status: IntegrationStatus): ChannelContext {
    const { deps } = this;
    return {
      integrationId,
      onInbound: deps.onInbound,
      media: deps.media,
      logger: deps.logger,
      now: deps.now,
      publicUrl: deps.publicUrl,
      state: channelStateStore(prisma, integrationId),
      inbox: webhookInbox({ prisma, integrationId, queue: deps.queue, now: deps.now }),
      deliveries: deliveryLog(prisma, integrationId, deps.now),
      reportStatus: (health) => status.report(health),
      history: (chatId, afterId) => deps.history(integrationId, chatId, afterId),
    };
  }

  /** every adapter built here, running or not */
  adapters(): ChannelAdapter[] {
    return [...this.entries.values()].map((e) => e.adapter);
  }

  /** the adapter built for an integration, running here or not */
  get(integrationId: string): ChannelAdapter | undefined {
    return this.entries.get(integrationId)?.adapter;
  }

  /** The adapter a delivery or a stored webhook goes through: only one that runs in this process. */
  adapter(integrationId: string): ChannelAdapter | undefined {
    const entry = this.entries.get(integrationId);
    return entry?.running ? entry.adapter : undefined;
  }

  /** the first integration of each channel type (tests, commands) */
  integrationIds(): Partial<Record<ChannelType, string>> {
    const ids: Partial<Record<ChannelType, string>> = {};
    for (const [id, entry] of this.entries) ids[entry.type] ??= id;
    return ids;
  }

  /** every adapter's routes, whether or not it runs here (a webhook is stored by any process) */
  routes(): ChannelRoute[] {
    return [...this.entries.values()].flatMap((e) => e.adapter.routes?.() ?? []);
  }

  readiness(): Record<string, { ok: boolean; detail?: string }> {
    const checks: Record<string, { ok: boolean; detail?: string }> = {};
    for (const [id, entry] of this.entries) {
      if (entry.lock && !entry.lock.held) {
        checks[id] = { ok: true, detail: 'runs in another process' };
        continue;
      }
      const health = entry.adapter.health();
      checks[id] = { ok: health.status !== 'disconnected', ...(health.detail ? { detail: health.detail } : {}) };
    }
    return checks;
  }

  /** ids of the integrations running in this process */
  runningIds(): string[] {
    return [...this.entries].filter(([, e]) => e.running).map(([id]) => id);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { db } = this.deps;
    for (const [id, entry] of this.entries) {
      // PGlite: the process that owns the data directory is the only one
      const locked = entry.adapter.runOnce && !(db.kind === 'pglite' && this.deps.soleProcess);
      if (!locked) {
        await this.run(entry);
        continue;
      }
      if (!db.url) throw new Error(`channel ${id} runs once per deployment and needs a PostgreSQL connection string for its lock`);
      entry.lock = new RunOnceLock({
        connectionString: db.url,
        integrationId: id,
        retryMs: this.deps.lockRetryMs ?? DEFAULT_LOCK_RETRY_MS,
        logger: this.deps.logger,
        onAcquired: () => this.run(entry),
        onLost: () => this.halt(entry),
      });
      await entry.lock.start();
    }
    const every = this.deps.statusEveryMs ?? DEFAULT_STATUS_EVERY_MS;
    this.statusTimer = setInterval(() => this.sampleStatus(), every);
    this.statusTimer.unref();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    clearInterval(this.statusTimer);
    for (const entry of this.entries.values()) {
      if (entry.lock) await entry.lock.stop(); // stops the adapter if it held the lock
      else await this.halt(entry);
    }
    // the last status written, but a database that does not answer does not hold up the stop
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.entries.values()].map((e) => e.status.flush())),
      new Promise((resolve) => { timer = setTimeout(resolve, STATUS_FLUSH_MS); }),
    ]);
    clearTimeout(timer);
  }

  private async run(entry: Entry): Promise<void> {
    if (entry.running) return;
    entry.running = true;
    await entry.adapter.start(); // never throws: a platform out of reach is retried by the adapter
    entry.status.report(entry.adapter.health());
  }

  private async halt(entry: Entry): Promise<void> {
    if (!entry.running) return;
    entry.running = false;
    await entry.adapter.stop().catch((error: unknown) => {
      this.deps.logger.warn({ integrationId: entry.spec.id, err: (error as Error).message }, 'channel did not stop cleanly');
    });
    entry.status.report(entry.adapter.health());
  }

  /** adapters that do not report their status themselves still keep it and lastSeenAt current */
  private sampleStatus(): void {
    for (const entry of this.entries.values()) if (entry.running) entry.status.report(entry.adapter.health());
  }
}
