// The composition root: builds every service once from the configuration and wires them.
// Nothing else constructs services.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
// the factories only (channel.ts): a channel's library is imported when an integration of it is built
import type { TelegramAdapter } from '../bots/telegram/adapter.js';
import { telegramChannel } from '../bots/telegram/channel.js';
import { webchatChannel } from '../bots/webchat/index.js';
import { whatsappWebChannel } from '../bots/whatsapp-web/channel.js';
import { whatsappCloudChannel } from '../bots/whatsapp-cloud/index.js';
import { ConfigError, type Config } from './config.js';
import type { ChannelFactory } from './core/channel.js';
import type { ChannelType } from './core/taxonomy.js';
import { openDatabase, type Database, type DatabaseEngineDied } from './db/client.js';
import { migrate } from './db/migrate.js';
import { createHttpApp } from './http/server.js';
import { createAdminRouter } from './http/admin/index.js';
import { createAdminPage } from './http/admin-page/index.js';
import { createPublicRouter } from './http/public/index.js';
import { createDashboard } from './http/dashboard/index.js';
import { laporWebhookRouter } from './http/lapor-webhook.js';
import { AgencyConnectors } from './hub/agency-connectors.js';
import { bootstrapAgency, CONSOLE_INTEGRATION_ID, DEFAULT_AGENCY_ID } from './hub/bootstrap.js';
import { ChannelRegistry } from './hub/channel-registry.js';
import { ConversationService } from './hub/conversations.js';
import { loadConversationEngine } from './hub/engine.js';
import { channelWebhookHandler } from './hub/jobs/channel-webhook.js';
import { deliverMessageHandler } from './hub/jobs/deliver-message.js';
import { failComplaint, forwardComplaintHandler } from './hub/jobs/forward-complaint.js';
import { postResponseHandler } from './hub/jobs/post-response.js';
import { ManualFiling } from './hub/manual-filing.js';
import { IntegrationAdmin } from './hub/integrations/integration-admin.js';
import { OfficerDesk } from './hub/officers/officer-desk.js';
import { createSecretBox } from './hub/secret-box.js';
import { bootstrapAdmin } from './hub/officers/principal.js';
import { officerFeed, officerPostHandler, type OfficerBot, type OfficerBots } from './hub/officers/telegram-bridge.js';
import { officerUpdateHandler } from './hub/officers/telegram-bridge-commands.js';
import { MediaRetention } from './hub/media-retention.js';
import { officerDigestHandler } from './hub/sla/digest.js';
import { Escalation } from './hub/sla/escalation.js';
import { HolidayFileError, indonesianCalendar } from './hub/sla/indonesian-holidays.js';
import { SlaScheduler } from './hub/sla/sla-scheduler.js';
import { createMediaStore } from './hub/media-store.js';
import { mediaRouter } from './http/media.js';
import type { Enqueue } from './hub/ports.js';
import { openRateLimitRedis, closeRateLimitRedis } from './hub/rate-limit-redis.js';
import { StatusPoller } from './hub/status-poller.js';
import { StatusRelay } from './hub/status-relay.js';
import { chatHistory } from './hub/channel-history.js';
import { createLogger, type Logger } from './log.js';
import { createMetrics } from './metrics.js';
import { loadNlp, type Nlp } from './nlp/index.js';
import { createQueueRunner, enqueue as enqueueJob, type QueueRunnerOptions } from './queue/index.js';
import { createLaporSimulator, type LaporSimulator } from './simulator/index.js';

/** The channels: each bots/<channel>/ exports one factory; adding a channel is one line here. */
export const CHANNELS: readonly ChannelFactory<Config>[] = [
  telegramChannel,
  webchatChannel,
  whatsappWebChannel,
  whatsappCloudChannel,
];

export interface HubOptions {
  /** an open, migrated database (tests share one per file); default: from the config */
  db?: Database;
  logger?: Logger;
  /** which parts run in this process (`lapor-hub worker` runs workers only) */
  http?: boolean;
  channels?: boolean;
  workers?: boolean;
  poller?: boolean;
  /** NLP off in tests that replay exact questions */
  nlp?: boolean;
  queue?: Partial<Omit<QueueRunnerOptions, 'prisma' | 'handlers' | 'logger'>>;
  /** per channel type, what its factory's create() takes as tuning (tests: no throttle, short long-polls) */
  channelTuning?: Partial<Record<ChannelType, unknown>>;
  /** the channel factories (default CHANNELS): tests replace or extend the list */
  channelFactories?: readonly ChannelFactory<Config>[];
  /** only these channel types are built and run (a command that drives one channel); default all */
  channelTypes?: readonly ChannelType[];
  /** run-once channels: how often a process without the lock tries again, and how often the
   *  holder checks its lock connection (default 5 s) */
  channelLockRetryMs?: number;
  /** how often integrations changed by another process are picked up (default 10 s) */
  integrationSyncMs?: number;
  /** the SLA clocks tick where workers run (default); tests turn them off and call hub.sla.tick(now) */
  slaClocks?: boolean;
  slaTickMs?: number;
  now?: () => Date;
  /**
   * The database this hub opened (not one handed in as `db`) died for good: the embedded
   * engine crashed, and every query throws from then on. Called once, after the fatal line is
   * logged; `lapor-hub start` exits non-zero here for its supervisor to restart it.
   */
  onFatal?: (error: DatabaseEngineDied) => void;
}

export type Hub = Awaited<ReturnType<typeof createHub>>;

const officerBotOf = (adapter: TelegramAdapter): OfficerBot => ({
  integrationId: adapter.integrationId,
  ...(adapter.officerChatId ? { officerChatId: adapter.officerChatId } : {}),
  officerChat: adapter.officerChat,
});

/** Indonesia's working days; a bad HOLIDAYS_FILE stops start-up with one line, as any bad setting. */
function workingCalendar(config: Config) {
  try {
    return indonesianCalendar(config.HOLIDAYS_FILE);
  } catch (error) {
    if (error instanceof HolidayFileError) throw new ConfigError(`HOLIDAYS_FILE: ${error.message}`);
    throw error;
  }
}

export async function createHub(config: Config, options: HubOptions = {}) {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const now = options.now ?? (() => new Date());
  // before the database: a bad holiday file stops start-up having touched nothing
  const calendar = workingCalendar(config);
  const db = options.db ?? (await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    onConnectionError: (error) => logger.warn({ err: error.message }, 'a database connection was closed by the server; reconnecting on the next query'),
    onFatal: (error) => {
      logger.fatal({ err: error.message }, 'the embedded database engine died: every query fails from now on; the hub must restart');
      options.onFatal?.(error);
    },
  }));
  const ownsDb = !options.db;
  const applied = await migrate(db.sql);
  if (applied.length) logger.info({ applied }, 'database migrations applied');
  const { prisma } = db;

  const metrics = createMetrics();
  const engine = loadConversationEngine();
  let nlp: Nlp | undefined;
  if (options.nlp !== false) {
    nlp = await loadNlp({ dataDir: config.DATA_DIR, logger }).catch((error: unknown) => {
      logger.warn({ err: (error as Error).message }, 'NLP model could not be loaded; the bot asks every question');
      return undefined;
    });
  }
  await bootstrapAgency(prisma, config);
  await bootstrapAdmin(prisma, DEFAULT_AGENCY_ID, config.ADMIN_API_KEY);
  const media = createMediaStore(prisma, config.DATA_DIR);
  const mediaRetention = new MediaRetention({ prisma, media, logger, retentionDays: config.MEDIA_RETENTION_DAYS, now });

  let baseUrl = config.PUBLIC_URL;
  let laporApiUrl = config.LAPOR_API_URL;
  const connectors = new AgencyConnectors(prisma, () => ({
    laporApiUrl, laporApiToken: config.LAPOR_API_TOKEN,
    onLaporError: (operation, status) => metrics.laporApiErrors.inc({ operation, status }),
  }));
  const simulator: LaporSimulator | undefined = config.simulator
    ? createLaporSimulator({
      token: config.LAPOR_API_TOKEN,
      // with an ephemeral port (tests) the links follow the request's host instead
      ...(config.PORT !== 0 ? { publicBaseUrl: `${config.PUBLIC_URL}/simulator/lapor` } : {}),
      persistFile: join(config.DATA_DIR, 'lapor-simulator.json'),
      now,
    })
    : undefined;

  const queueRef: { notify(): void } = { notify: () => queue.notify() };
  const enqueue: Enqueue = enqueueJob;
  // the Telegram bots with an officers' chat (TELEGRAM_OFFICER_CHAT_ID); read once the channels are built
  const officerBots: OfficerBots = {
    all: () => (channels?.adapters() ?? []).filter((a): a is TelegramAdapter => a.type === 'telegram').map(officerBotOf),
    running: (id) => {
      const adapter = channels?.adapter(id);
      return adapter?.type === 'telegram' ? officerBotOf(adapter as TelegramAdapter) : undefined;
    },
  };
  const feed = officerFeed({ bots: officerBots, enqueue });
  const conversations = new ConversationService({ prisma, sql: db.sql, engine, nlp, enqueue, queue: queueRef, media, logger, metrics, now, officerFeed: feed });
  const relay = new StatusRelay({ prisma, engine, enqueue, queue: queueRef, conversations, logger, now });
  const manualFiling = new ManualFiling({ prisma, engine, enqueue, queue: queueRef, relay, logger, now, officerFeed: feed });
  const desk = new OfficerDesk({ prisma, engine, enqueue, queue: queueRef, conversations, manual: manualFiling, officerFeed: feed, logger, now });
  const escalation = new Escalation({ prisma, calendar, engine, enqueue, queue: queueRef, officerFeed: feed, logger, hour: config.SLA_DIGEST_HOUR });
  const sla = new SlaScheduler({ prisma, calendar, escalation, bots: officerBots, enqueue, queue: queueRef, logger, hour: config.SLA_DIGEST_HOUR, now });
  const wantHttp = options.http !== false;
  const wantWorkers = options.workers !== false;
  const wantChannels = options.channels !== false;
  // one poller per deployment: the `start` process polls, `lapor-hub worker`s do not
  const wantPoller = options.poller ?? (wantWorkers && wantHttp);
  const poller = new StatusPoller({ prisma, connectors, relay, logger, intervalMs: config.LAPOR_POLL_INTERVAL_MS });

  const soleProcess = ownsDb && db.kind === 'pglite';
  const secretBox = config.HUB_SECRET_KEY ? createSecretBox(config.HUB_SECRET_KEY) : undefined;
  const onOfficerMessage = officerUpdateHandler({ prisma, desk, enqueue, queue: queueRef, logger });
  // officerBots reads it; declared first because the channels take the officer bridge's handler
  let channels: ChannelRegistry | undefined;
  // with REDIS_URL the web chat's limits are counted in Redis, shared by every HTTP process
  const rateLimitRedis = config.REDIS_URL && wantHttp ? await openRateLimitRedis(config.REDIS_URL, logger) : undefined;
  try {
    channels = await ChannelRegistry.create({
      factories: options.channelFactories ?? CHANNELS,
      env: config,
      types: options.channelTypes,
      tuning: {
        ...options.channelTuning,
        telegram: { onOfficerMessage, ...(options.channelTuning?.telegram as object | undefined) },
        webchat: { redis: rateLimitRedis, ...(options.channelTuning?.webchat as object | undefined) },
      },
      db,
      // a test's PGlite is handed in, yet this process is still the only one using it
      soleProcess: db.kind === 'pglite',
      onInbound: conversations.handleInbound,
      media,
      logger,
      now,
      publicUrl: () => baseUrl,
      queue: queueRef,
      history: (integrationId, chatId, afterId) => chatHistory(prisma, integrationId, chatId, afterId),
      lockRetryMs: options.channelLockRetryMs,
      secretBox,
      syncEveryMs: options.integrationSyncMs,
    });
  } catch (error) {
    rateLimitRedis?.disconnect(); // the hub is not built: nothing else would close it
    throw error;
  }
  metrics.observeIntegrations(() => channels.healths());
  const integrationAdmin = new IntegrationAdmin({ prisma, registry: channels, secretBox, connectors, now });

  const queue = createQueueRunner({
    prisma,
    redisUrl: config.REDIS_URL,
    logger,
    registry: metrics.registry,
    soleProcess,
    ...options.queue,
    handlers: {
      forward_complaint: forwardComplaintHandler({
        prisma, connectors, engine, enqueue, publicUrl: () => baseUrl, logger, now, officerFeed: feed, metrics,
        afterFiling: async (agencyId, trackingId) => void (await relay.applyPending(agencyId, trackingId)),
        onRecovered: () => queue.expedite('forward_complaint'),
      }),
      // only where the channels run: a `lapor-hub worker` could not deliver anything
      ...(wantChannels ? {
        deliver_message: deliverMessageHandler({ prisma, adapter: (id) => channels.adapter(id), logger, now, metrics }),
        channel_webhook: channelWebhookHandler({ prisma, adapter: (id) => channels.adapter(id), now }),
        officer_post: officerPostHandler({ prisma, bots: officerBots, logger }),
        officer_digest: officerDigestHandler({ prisma, bots: officerBots, calendar, limit: config.SLA_DIGEST_LIMIT, logger }),
      } : {}),
      post_response: postResponseHandler({ prisma, connectors, logger, publicUrl: () => baseUrl }),
    },
    onDead: async (job) => {
      if (job.kind !== 'forward_complaint') return;
      await failComplaint({ prisma, engine, enqueue, logger, officerFeed: feed }, job.payload.complaintId, 'dead-lettered', now());
      queueRef.notify();
    },
  });

  const mounts: [string, express.RequestHandler | express.Router][] = [
    ['/webhooks/lapor', laporWebhookRouter({ secret: config.LAPOR_WEBHOOK_SECRET, agencyId: DEFAULT_AGENCY_ID, relay })],
    ['/media', mediaRouter(media)],
    ['/api/public', createPublicRouter({ prisma, calendar, now })],
    ['/dashboard', createDashboard()],
    ['/api/v1/admin', createAdminRouter({ apiKey: config.ADMIN_API_KEY, prisma, manual: manualFiling, queue: queueRef, desk, integrations: integrationAdmin, calendar, now })],
  ];
  // every HTTP process serves the channels' routes, whether or not it runs the channel; the
  // router follows integrations added and removed through the admin API
  mounts.push(['/', channels.router()]);
  // after the channels' routes: /admin/whatsapp-web stays the WhatsApp Web pairing page
  mounts.push(['/admin', createAdminPage({
    apiKey: config.ADMIN_API_KEY, prisma, desk, statusLabel: engine.statusLabel, channels, publicUrl: config.PUBLIC_URL, calendar, now,
  })]);
  if (simulator) mounts.push(['/simulator/lapor', simulator.router]); // it answers on this machine only

  let closing = false;
  const app = createHttpApp({
    logger,
    metrics,
    mounts,
    closing: () => closing,
    readiness: async () => {
      const checks: Record<string, { ok: boolean; detail?: string }> = {};
      checks.database = await db.sql.query('SELECT 1').then(() => ({ ok: true }), (e: Error) => ({ ok: false, detail: e.message }));
      checks.queue = await queue.health();
      // with the database away its check says so; the probe answers 503, it does not fail
      const agencies = checks.database.ok ? await prisma.agency.findMany({ select: { id: true } }).catch(() => []) : [];
      for (const { id } of agencies) {
        const health = connectors.health(id);
        if (health) checks[`connector:${id}`] = { ok: health.ok, ...(health.detail ? { detail: health.detail } : {}) };
      }
      if (wantChannels) Object.assign(checks, channels.readiness());
      return { ok: Object.values(checks).every((c) => c.ok), checks };
    },
  });

  let server: Server | undefined;

  return {
    config, logger, db, prisma, app, metrics, engine, nlp, simulator, connectors,
    conversations, relay, poller, queue, channels, media, mediaRetention, desk, integrationAdmin, calendar, sla,
    /** the first integration of each channel type, and the console's */
    integrations: { ...channels.integrationIds(), console: CONSOLE_INTEGRATION_ID },
    get url() {
      return baseUrl;
    },
    async start() {
      if (wantHttp) {
        server = app.listen(config.PORT, '0.0.0.0');
        await once(server, 'listening');
        const port = (server.address() as AddressInfo).port;
        if (config.PORT === 0) baseUrl = `http://127.0.0.1:${port}`;
        // the built-in simulator is this very server
        if (simulator) laporApiUrl = `http://127.0.0.1:${port}/simulator/lapor`;
      }
      if (wantWorkers) await queue.start();
      if (options.slaClocks ?? wantWorkers) sla.start(options.slaTickMs);
      if (wantChannels) await channels.start();
      if (wantPoller) poller.start();
      // with the poller: one process of a deployment sweeps (more would only repeat the work)
      if (wantPoller) mediaRetention.start();
      if (simulator && wantHttp) {
        logger.warn('LAPOR! simulator active (LAPOR_API_URL is unset): reports are not sent to the real LAPOR!; '
          + 'its pages answer only on this machine');
      }
      // the villages of the place index, between requests (it would otherwise hold up start-up)
      if (nlp) void nlp.warm();
      logger.info({ url: baseUrl, database: db.kind, queue: config.REDIS_URL ? 'bullmq' : 'in-process',
        lapor: simulator ? 'simulator' : 'api', channels: channels.runningIds() }, 'lapor-hub started');
    },
    async stop() {
      // Keep-alive connections are told to close; the poller and the workers finish what they
      // run (the built-in simulator is served by this server, so it stays up meanwhile); then
      // the channels, the server (requests in flight finish), and the database last.
      closing = true;
      await poller.stop();
      await mediaRetention.stop();
      await sla.stop();
      await queue.stop();
      await channels.stop();
      if (server) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        const grace = setTimeout(() => server!.closeAllConnections(), 5_000);
        await closed;
        clearTimeout(grace);
      }
      if (rateLimitRedis) await closeRateLimitRedis(rateLimitRedis);
      if (ownsDb) await db.close();
    },
  };
}
