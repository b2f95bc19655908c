// The channel registry: from the list of channel factories (src/app.ts), the configuration and
// the hub's services it bootstraps each integration's row, builds its adapter with its
// ChannelContext, and runs it: routes for every HTTP process, readiness, start/stop, and the
// adapter a delivery goes through. Run-once adapters run only where their lock is held.
import type { Integration, PrismaClient } from '@prisma/client';
import express, { type RequestHandler } from 'express';
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
import { storedSpec } from './integrations/stored-spec.js';
import type { QueueWaker } from './ports.js';
import type { SecretBox } from './secret-box.js';

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
  /** opens the secrets of integrations added through the admin API (none without HUB_SECRET_KEY) */
  secretBox?: SecretBox;
  /** how often the integrations added, changed or removed by another process are picked up (default 10 s) */
  syncEveryMs?: number;
}

/** How often stored integrations are compared with what runs (another process may have changed them). */
export const DEFAULT_SYNC_EVERY_MS = 10_000;

interface Entry {
  spec: IntegrationSpec;
  /** env: from the environment, fixed for the process's life; api: a stored row, followed */
  source: 'env' | 'api';
  /** api: what the stored row looked like when this adapter was built */
  fingerprint?: string;
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
  private syncTimer: NodeJS.Timeout | undefined;
  private started = false;
  /** the channels' routes as one router, rebuilt when an integration comes or goes */
  private currentRouter: express.Router = express.Router();
  /** apply() runs one at a time: a sync and an admin change of the same row never interleave */
  private applying: Promise<unknown> = Promise.resolve();

  private constructor(private readonly deps: ChannelRegistryDeps<unknown>) {}

  /** Writes the integrations' rows (default agency, ids stable across restarts) and builds the adapters:
   *  those of the environment, then those added through the admin API. */
  static async create<Env>(deps: ChannelRegistryDeps<Env>): Promise<ChannelRegistry> {
    const registry = new ChannelRegistry(deps as ChannelRegistryDeps<unknown>);
    const prisma = deps.db.prisma;
    for (const factory of registry.factories()) {
      for (const fromEnv of factory.fromEnv(deps.env)) {
        if (registry.entries.has(fromEnv.id)) throw new Error(`two channel integrations have the id ${fromEnv.id}`);
        const spec: IntegrationSpec = { ...fromEnv, agencyId: DEFAULT_AGENCY_ID };
        await ensureIntegration(prisma, spec.id, factory.type, spec.name, spec.agencyId);
        await registry.build(factory, spec, 'env');
      }
    }
    const stored = await prisma.integration.findMany({ where: { source: 'api', removedAt: null } });
    for (const row of stored) await registry.buildStored(row);
    registry.rebuildRouter();
    return registry;
  }

  private factories(): ChannelFactory<unknown>[] {
    const types = new Set(this.deps.types ?? this.deps.factories.map((f) => f.type));
    return this.deps.factories.filter((f) => types.has(f.type));
  }

  private async build(factory: ChannelFactory<unknown>, spec: IntegrationSpec, source: 'env' | 'api', fingerprint?: string): Promise<Entry> {
    const status = new IntegrationStatus({ prisma: this.deps.db.prisma, integrationId: spec.id, now: this.deps.now, logger: this.deps.logger });
    const context = this.contextFor(this.deps.db.prisma, spec.id, status);
    const adapter = await factory.create(spec, context, this.deps.tuning?.[factory.type] as never);
    const entry: Entry = { spec, source, fingerprint, type: factory.type, adapter, status, running: false };
    this.entries.set(spec.id, entry);
    return entry;
  }

  /** An integration added through the admin API; one whose secrets cannot be opened is reported, not run. */
  private async buildStored(row: Integration): Promise<Entry | undefined> {
    const factory = this.factories().find((f) => f.type === row.type);
    if (!factory) return undefined;
    const spec = storedSpec(row, this.deps.secretBox);
    if (!spec.ok) {
      this.deps.logger.warn({ integrationId: row.id, reason: spec.reason }, 'integration not started');
      void this.deps.db.prisma.integration.update({ where: { id: row.id }, data: { status: 'disconnected', statusReason: spec.reason } }).catch(() => undefined);
      return undefined;
    }
    const settings = { ...factory.storedDefaults?.(this.deps.env), ...spec.spec.settings };
    try {
      return await this.build(factory, { ...spec.spec, settings }, 'api', fingerprintOf(row));
    } catch (error) {
      // settings the factory refuses (validated on the way in; a stored row edited by hand)
      this.deps.logger.warn({ integrationId: row.id, err: (error as Error).message }, 'integration not started');
      return undefined;
    }
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
      inbox: webhookInbox({ sql: deps.db.sql, integrationId, queue: deps.queue, now: deps.now }),
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

  /** The routes as one handler for the root of the app: it follows integrations added or removed. */
  router(): RequestHandler {
    return (req, res, next) => this.currentRouter(req, res, next);
  }

  private rebuildRouter(): void {
    const router = express.Router();
    for (const route of this.routes()) router.use(route.path, route.handler);
    this.currentRouter = router;
  }

  /** the spec an integration's adapter was built from (settings include secrets: never shown) */
  spec(integrationId: string): IntegrationSpec | undefined {
    return this.entries.get(integrationId)?.spec;
  }

  /**
   * Brings one integration in line with its stored row: builds and starts one that was added,
   * rebuilds one whose settings changed, stops and drops one that was removed. Environment
   * integrations are left alone.
   */
  apply(integrationId: string): Promise<void> {
    const run = this.applying.then(() => this.applyNow(integrationId));
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async applyNow(integrationId: string): Promise<void> {
    const existing = this.entries.get(integrationId);
    if (existing?.source === 'env') return;
    const row = await this.deps.db.prisma.integration.findUnique({ where: { id: integrationId } });
    const active = row && row.source === 'api' && !row.removedAt ? row : null;
    if (existing && active && existing.fingerprint === fingerprintOf(active)) return;
    if (existing) await this.retire(existing);
    if (active) {
      const entry = await this.buildStored(active);
      if (entry && this.started) await this.startEntry(entry);
    }
    this.rebuildRouter();
    this.deps.logger.info({ integrationId, running: Boolean(active) }, 'integration applied');
  }

  /** Picks up what another process added, changed or removed. */
  async sync(): Promise<void> {
    const rows = await this.deps.db.prisma.integration.findMany({ where: { source: 'api' } });
    const types = new Set(this.factories().map((f) => f.type));
    for (const row of rows) {
      if (!types.has(row.type as ChannelType)) continue;
      const entry = this.entries.get(row.id);
      const wanted = !row.removedAt;
      if ((wanted && entry?.fingerprint !== fingerprintOf(row)) || (!wanted && entry)) await this.apply(row.id);
    }
  }

  private async retire(entry: Entry): Promise<void> {
    if (entry.lock) await entry.lock.stop();
    else await this.halt(entry);
    await entry.status.flush();
    this.entries.delete(entry.spec.id);
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

  /** each adapter's health, of the integrations running in this process (metrics) */
  healths(): { integrationId: string; type: string; status: 'connected' | 'degraded' | 'disconnected' }[] {
    return [...this.entries].filter(([, e]) => e.running).map(([integrationId, e]) => ({ integrationId, type: e.type, status: e.adapter.health().status }));
  }

  /** ids of the integrations running in this process */
  runningIds(): string[] {
    return [...this.entries].filter(([, e]) => e.running).map(([id]) => id);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const entry of this.entries.values()) await this.startEntry(entry);
    const every = this.deps.statusEveryMs ?? DEFAULT_STATUS_EVERY_MS;
    this.statusTimer = setInterval(() => this.sampleStatus(), every);
    this.statusTimer.unref();
    this.syncTimer = setInterval(() => {
      this.sync().catch((error: unknown) => this.deps.logger.warn({ err: (error as Error).message }, 'integrations not synchronised'));
    }, this.deps.syncEveryMs ?? DEFAULT_SYNC_EVERY_MS);
    this.syncTimer.unref();
  }

  private async startEntry(entry: Entry): Promise<void> {
    const { db } = this.deps;
    const id = entry.spec.id;
    // PGlite: the process that owns the data directory is the only one
    const locked = entry.adapter.runOnce && !(db.kind === 'pglite' && this.deps.soleProcess);
    if (!locked) return this.run(entry);
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

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    clearInterval(this.statusTimer);
    clearInterval(this.syncTimer);
    await this.applying;
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

/** What of a stored row makes its adapter: a change of any of these rebuilds it. */
function fingerprintOf(row: Integration): string {
  return JSON.stringify([row.agencyId, row.name, row.config, row.secrets, row.removedAt?.getTime() ?? null]);
}
