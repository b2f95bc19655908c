// Integrations at run time (the admin API): added, changed and removed while the hub runs.
// The row is written first (secrets sealed with HUB_SECRET_KEY), then the channel registry
// brings this process in line at once; other processes follow within their sync interval.
// Environment integrations are the default agency's and are changed in the environment only.
import { randomBytes } from 'node:crypto';
import type { Integration, Prisma, PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import type { AgencyConnectors } from '../agency-connectors.js';
import type { ChannelRegistry } from '../channel-registry.js';
import { audit } from '../officers/audit.js';
import type { Principal } from '../officers/principal.js';
import type { SecretBox } from '../secret-box.js';
import type { IntegrationAdminPort } from './integration-admin-port.js';
import {
  IntegrationAdminError, SECRET_SETTINGS, telegramSettings, whatsappCloudSettings, whatsappWebSettings,
  type IntegrationCreate, type IntegrationUpdate, type IntegrationView,
} from './integration-input.js';
import { isUniqueViolation } from '../../db/client.js';
import { plainSettings } from './stored-spec.js';

const SETTINGS_SCHEMA: Record<string, z.ZodType<Record<string, unknown>>> = {
  telegram: telegramSettings,
  'whatsapp-cloud': whatsappCloudSettings,
  'whatsapp-web': whatsappWebSettings,
};

export interface IntegrationAdminDeps {
  prisma: PrismaClient;
  registry: Pick<ChannelRegistry, 'apply' | 'spec'>;
  secretBox?: SecretBox;
  connectors: Pick<AgencyConnectors, 'forgetIntegration'>;
  now: () => Date;
}

export class IntegrationAdmin implements IntegrationAdminPort {
  constructor(private readonly deps: IntegrationAdminDeps) {}

  async list(agencyId: string): Promise<IntegrationView[]> {
    const rows = await this.deps.prisma.integration.findMany({
      where: { agencyId, removedAt: null, type: { not: 'console' } },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((row) => this.view(row));
  }

  async get(agencyId: string, id: string): Promise<IntegrationView | null> {
    const row = await this.deps.prisma.integration.findFirst({ where: { id, agencyId, removedAt: null, type: { not: 'console' } } });
    return row ? this.view(row) : null;
  }

  async create(who: Principal, input: IntegrationCreate, source: string): Promise<IntegrationView> {
    const id = integrationId(input);
    const settings: Record<string, unknown> = { ...input.settings };
    // a second bot of a hub cannot share /webhooks/telegram: each has its own path
    if (input.type === 'telegram' && settings.mode === 'webhook') settings.webhookPath = `/webhooks/telegram/${id}`;
    if (input.type === 'whatsapp-web') settings.pagePath = `/admin/whatsapp-web/${id}`;
    const { plain, secrets } = this.split(input.type, settings);
    const existing = await this.deps.prisma.integration.findUnique({ where: { id } });
    // a removed integration comes back only to its own agency: its chats and reports are that agency's
    if (existing && (!existing.removedAt || existing.agencyId !== who.agencyId)) {
      throw new IntegrationAdminError('conflict', `this ${input.type === 'telegram' ? 'bot' : 'number'} is already an integration of this hub`);
    }
    const data = {
      agencyId: who.agencyId, type: input.type, name: input.name, source: 'api',
      config: { ...plain, connector: input.connector } as Prisma.InputJsonValue,
      secrets, removedAt: null, status: 'disconnected', statusReason: 'starting',
    };
    const at = this.deps.now();
    try {
      await this.deps.prisma.$transaction(async (tx) => {
        // a removed integration of the same bot or number comes back under its id (its reports stay linked)
        if (existing) await tx.integration.update({ where: { id }, data: { ...data, connectedSince: at } });
        else await tx.integration.create({ data: { id, ...data } });
        await audit(tx, who, { action: 'integration.create', target: `integration:${id}`, detail: { type: input.type, name: input.name, connector: input.connector, settings: Object.keys(plain) }, source }, at);
      });
    } catch (error) {
      // the same bot added twice at once: the second is a conflict, not a failure
      if (isUniqueViolation(error)) throw new IntegrationAdminError('conflict', `this ${input.type === 'telegram' ? 'bot' : 'number'} is already an integration of this hub`);
      throw error;
    }
    this.deps.connectors.forgetIntegration(id);
    await this.deps.registry.apply(id);
    return this.view(await this.deps.prisma.integration.findUniqueOrThrow({ where: { id } }));
  }

  /**
   * Compare-and-set on what it read (name, settings, secrets): two admins changing one
   * integration at once each apply their change on top of the other's, none is lost.
   */
  async update(who: Principal, id: string, change: IntegrationUpdate, source: string): Promise<IntegrationView> {
    for (let attempt = 0; ; attempt++) {
      if (await this.updateOnce(who, id, change, source)) break;
      if (attempt >= 5) throw new IntegrationAdminError('conflict', 'the integration changed several times at once; try again');
    }
    this.deps.connectors.forgetIntegration(id);
    await this.deps.registry.apply(id);
    return this.view(await this.deps.prisma.integration.findUniqueOrThrow({ where: { id } }));
  }

  /** One try of update: false when the row changed since it was read. */
  private async updateOnce(who: Principal, id: string, change: IntegrationUpdate, source: string): Promise<boolean> {
    const row = await this.findOwn(who, id);
    if (row.source !== 'api' && change.settings) {
      throw new IntegrationAdminError('conflict', 'this integration\'s settings come from the environment; change them there and restart (its name and connector can be changed here)');
    }
    const data: Prisma.IntegrationUpdateManyMutationInput = {};
    if (change.name !== undefined) data.name = change.name;
    const config = { ...(row.config as Record<string, unknown>) };
    if (change.connector) config.connector = change.connector;
    if (change.settings) {
      const current = { ...plainSettings(row.config), ...this.openSecrets(row) };
      delete current.webhookPath;
      delete current.pagePath;
      const merged: Record<string, unknown> = { ...current, ...change.settings };
      // routes always follow from the id, never from what is stored
      if (row.type === 'telegram' && merged.mode === 'webhook') merged.webhookPath = `/webhooks/telegram/${id}`;
      if (row.type === 'whatsapp-web') merged.pagePath = `/admin/whatsapp-web/${id}`;
      const { plain, secrets } = this.split(row.type, merged);
      if (row.type === 'telegram' && typeof merged.token === 'string' && integrationId({ type: 'telegram', settings: { token: merged.token } } as never) !== id) {
        throw new IntegrationAdminError('invalid', 'settings.token: belongs to another bot; add that bot as a new integration', { 'settings.token': 'belongs to another bot' });
      }
      if (row.type === 'whatsapp-cloud' && merged.phoneNumberId !== current.phoneNumberId) {
        throw new IntegrationAdminError('invalid', 'settings.phoneNumberId: a number cannot be changed; add it as a new integration', { 'settings.phoneNumberId': 'cannot be changed' });
      }
      Object.assign(config, plain);
      for (const key of Object.keys(config)) if (!(key in plain) && key !== 'connector') delete config[key];
      data.secrets = secrets;
    }
    data.config = config as Prisma.InputJsonValue;
    const at = this.deps.now();
    return this.deps.prisma.$transaction(async (tx) => {
      const { count } = await tx.integration.updateMany({
        where: { id, removedAt: null, name: row.name, config: { equals: row.config as Prisma.InputJsonValue }, secrets: row.secrets },
        data,
      });
      if (count === 0) return false;
      await audit(tx, who, {
        action: 'integration.update', target: `integration:${id}`,
        // which settings changed, never their values (some are secrets)
        detail: { name: change.name ?? null, connector: change.connector ?? null, settings: Object.keys(change.settings ?? {}) },
        source,
      }, at);
      return true;
    });
  }

  async remove(who: Principal, id: string, source: string): Promise<void> {
    const row = await this.findOwn(who, id);
    if (row.source !== 'api') {
      throw new IntegrationAdminError('conflict', 'this integration is configured by the environment; unset its variables and restart');
    }
    const at = this.deps.now();
    await this.deps.prisma.$transaction(async (tx) => {
      // secrets go with it: a removed bot's token is not kept
      await tx.integration.update({ where: { id }, data: { removedAt: at, secrets: null, status: 'disconnected', statusReason: 'removed' } });
      await audit(tx, who, { action: 'integration.remove', target: `integration:${id}`, detail: { type: row.type, name: row.name }, source }, at);
    });
    this.deps.connectors.forgetIntegration(id);
    await this.deps.registry.apply(id);
  }

  private async findOwn(who: Principal, id: string): Promise<Integration> {
    const row = await this.deps.prisma.integration.findFirst({ where: { id, agencyId: who.agencyId, removedAt: null, type: { not: 'console' } } });
    if (!row) throw new IntegrationAdminError('not_found', `no integration ${id}`);
    return row;
  }

  /** Validates the type's settings and seals the secret ones (refused without HUB_SECRET_KEY). */
  private split(type: string, settings: Record<string, unknown>): { plain: Record<string, unknown>; secrets: string | null } {
    const { webhookPath, pagePath, ...checked } = settings;
    const schema = SETTINGS_SCHEMA[type];
    if (!schema) throw new IntegrationAdminError('invalid', `type: ${type} cannot be added through the API`, { type: 'cannot be added' });
    const parsed = schema.safeParse(checked);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [['settings', ...i.path].join('.'), i.message]));
      throw new IntegrationAdminError('invalid', Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; '), fields);
    }
    const secretNames = SECRET_SETTINGS[type] ?? [];
    const plain: Record<string, unknown> = { ...(webhookPath ? { webhookPath } : {}), ...(pagePath ? { pagePath } : {}) };
    const secret: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed.data)) {
      if (value === undefined) continue;
      if (secretNames.includes(key)) secret[key] = String(value);
      else plain[key] = value;
    }
    if (!Object.keys(secret).length) return { plain, secrets: null };
    if (!this.deps.secretBox) {
      throw new IntegrationAdminError('unavailable', 'HUB_SECRET_KEY is not set: integrations with secrets can be configured only through the environment');
    }
    return { plain, secrets: this.deps.secretBox.seal(secret) };
  }

  private openSecrets(row: Integration): Record<string, string> {
    if (!row.secrets) return {};
    if (!this.deps.secretBox) throw new IntegrationAdminError('unavailable', 'HUB_SECRET_KEY is not set: this integration\'s secrets cannot be opened');
    try {
      return this.deps.secretBox.open(row.secrets);
    } catch (error) {
      throw new IntegrationAdminError('unavailable', (error as Error).message);
    }
  }

  private view(row: Integration): IntegrationView {
    const secretNames = SECRET_SETTINGS[row.type] ?? [];
    let settings: Record<string, unknown>;
    let secretsSet: string[];
    if (row.source === 'env') {
      // the environment's settings live in the process, not the row
      const spec = this.deps.registry.spec(row.id)?.settings ?? {};
      settings = Object.fromEntries(Object.entries(spec).filter(([k]) => !secretNames.includes(k) && !/key|token|secret/i.test(k)));
      secretsSet = Object.keys(spec).filter((k) => secretNames.includes(k) || /key|token|secret/i.test(k));
    } else {
      settings = plainSettings(row.config);
      secretsSet = row.secrets && this.deps.secretBox ? safeKeys(() => Object.keys(this.deps.secretBox!.open(row.secrets!))) : [];
    }
    const connector = (row.config as { connector?: string }).connector === 'manual' ? 'manual' : 'agency';
    return {
      id: row.id, agencyId: row.agencyId, type: row.type, name: row.name, connector,
      status: row.status, statusReason: row.statusReason, source: row.source, settings, secretsSet,
      connectedSince: row.connectedSince, lastSeenAt: row.lastSeenAt, createdAt: row.createdAt,
    };
  }
}

function safeKeys(read: () => string[]): string[] {
  try {
    return read();
  } catch {
    return [];
  }
}

/** Stable ids: the bot's public id, the phone number id; a WhatsApp Web number gets a random one. */
function integrationId(input: Pick<IntegrationCreate, 'type' | 'settings'>): string {
  switch (input.type) {
    case 'telegram':
      return `telegram-${(input.settings as { token: string }).token.split(':')[0]}`;
    case 'whatsapp-cloud':
      return `whatsapp-cloud-${(input.settings as { phoneNumberId: string }).phoneNumberId}`;
    default:
      return `whatsapp-web-${randomBytes(4).toString('hex')}`;
  }
}
