// The WhatsApp Cloud API adapter of one number (integration): webhook routes, inbound
// processing from the queue, outbound within Meta's limits and the 24-hour window.
import { ChannelError, type ChannelAdapter, type ChannelContext, type ChannelRoute, type DeliveryStatus, type SendContext, type SendResult } from '../../src/core/channel.js';
import type { InboundContent, OutboundMessage } from '../../src/core/messages.js';
import { describeError, isAuthError, isReEngagementError, toChannelError } from './errors.js';
import { GraphClient } from './graph-client.js';
import { HealthTracker } from './health.js';
import { readMessage } from './inbound.js';
import { LIMITS } from './limits.js';
import { downloadMedia } from './media.js';
import { renderReply, type CloudMessageBody } from './outbound.js';
import { templateMessage, windowIsOpen } from './service-window.js';
import type { CloudSettings } from './settings.js';
import { readItem, dedupeKey, type CloudStatus, type WebhookItem } from './webhook-payload.js';
import { registerReceiver, WEBHOOK_PATH, webhookHandler, type WebhookReceiver } from './webhook-routes.js';

/** What tests and commands adjust. */
export interface WhatsappCloudTuning {
  /** deadline of one Graph API call (default 10 s) */
  callTimeoutMs?: number;
  /** the media lookup and download together (default 15 s) */
  mediaTimeoutMs?: number;
  /** how soon a failed start-up probe is tried again (default 30 s) */
  probeRetryMs?: number;
}

const DELIVERY_STATUSES: readonly string[] = ['sent', 'delivered', 'read', 'failed'] satisfies DeliveryStatus[];

export class WhatsappCloudAdapter implements ChannelAdapter {
  readonly type = 'whatsapp-cloud' as const;
  readonly maxTextLength = LIMITS.text;
  readonly integrationId: string;
  private name: string;
  private readonly graph: GraphClient;
  private readonly health_: HealthTracker;
  private readonly receiver: WebhookReceiver;
  private unregister: (() => void) | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    spec: { id: string; name: string },
    private readonly settings: CloudSettings,
    private readonly context: ChannelContext,
    private readonly tuning: WhatsappCloudTuning = {},
  ) {
    this.integrationId = spec.id;
    this.name = spec.name;
    this.graph = new GraphClient(settings, tuning.callTimeoutMs);
    this.health_ = new HealthTracker((health) => context.reportStatus(health));
    this.receiver = {
      integrationId: spec.id,
      phoneNumberId: settings.phoneNumberId,
      appSecret: settings.appSecret,
      verifyToken: settings.verifyToken,
      accept: (items) => this.accept(items),
    };
    // the webhook is served wherever HTTP is, started or not: register with the routes
    this.unregister = registerReceiver(this.receiver);
  }

  get displayName(): string {
    return this.name;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.unregister ??= registerReceiver(this.receiver);
    await this.probe();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.probeTimer);
    this.unregister?.();
    this.unregister = undefined;
    this.health_.disconnected('stopped');
  }

  health() {
    return this.health_.get();
  }

  routes(): ChannelRoute[] {
    return [{ path: WEBHOOK_PATH, handler: webhookHandler(this.receiver, this.context.logger) }];
  }

  async send(chatId: string, message: OutboundMessage, context?: SendContext): Promise<SendResult> {
    // no context: the hub did not say when the citizen last wrote; Meta's 131047 decides
    if (context && !windowIsOpen(context.lastInboundAt, this.context.now())) return this.sendTemplate(chatId, message);
    const bodies = renderReply(chatId, message);
    // a reply of several platform messages (a long text, a summary before its buttons) keeps
    // its progress, so a retry after a failed part does not send the earlier parts again
    const progressKey = `parts:${message.id}`;
    const progress = bodies.length > 1 ? await this.readProgress(progressKey) : { sent: 0 };
    let wamid = progress.wamid;
    try {
      for (const [index, body] of bodies.entries()) {
        if (index < progress.sent) continue;
        wamid = await this.call((graph) => graph.sendMessage(body));
        if (bodies.length > 1) await this.context.state.setMany({ [progressKey]: index + 1 < bodies.length ? JSON.stringify({ sent: index + 1, wamid }) : null });
      }
    } catch (err) {
      // the window closed in a way the hub could not see (its clock, Meta's): only a template may go
      if (isReEngagementError(err) && wamid === undefined) return this.sendTemplate(chatId, message);
      throw toChannelError(err);
    }
    return { platformMessageId: wamid! };
  }

  private async readProgress(key: string): Promise<{ sent: number; wamid?: string }> {
    const stored = await this.context.state.get(key);
    try {
      const value = stored ? (JSON.parse(stored) as { sent?: unknown; wamid?: unknown }) : {};
      return typeof value.sent === 'number' && typeof value.wamid === 'string' ? { sent: value.sent, wamid: value.wamid } : { sent: 0 };
    } catch {
      return { sent: 0 };
    }
  }

  async processWebhook(payload: unknown): Promise<void> {
    const item = readItem(payload);
    if (!item) {
      this.context.logger.warn({ integrationId: this.integrationId }, 'stored WhatsApp webhook item has an unknown shape; skipped');
      return;
    }
    if (item.phoneNumberId !== this.settings.phoneNumberId) return; // another number's, not ours
    if (item.kind === 'status') return this.recordStatus(item.status);
    return this.handleMessage(item);
  }

  private async accept(items: WebhookItem[]): Promise<void> {
    // a chat's messages in the order Meta sent them (a photo, then "selesai"); statuses unordered
    for (const item of items) {
      await this.context.inbox.accept(dedupeKey(item), item, item.kind === 'message' ? { chatId: item.message.from } : {});
    }
  }

  private async sendTemplate(chatId: string, message: OutboundMessage): Promise<SendResult> {
    const { templateName, templateLanguage } = this.settings;
    if (!templateName) {
      throw new ChannelError('held', 'outside the 24-hour window and no template is configured: kept for the citizen\'s next message');
    }
    const body: CloudMessageBody = templateMessage(chatId, { name: templateName, language: templateLanguage }, message.text);
    try {
      return { platformMessageId: await this.call((graph) => graph.sendMessage(body)) };
    } catch (err) {
      throw toChannelError(err);
    }
  }

  private async recordStatus(status: CloudStatus): Promise<void> {
    if (!DELIVERY_STATUSES.includes(status.status)) return; // "deleted", "warning": nothing to record
    const code = status.status === 'failed' ? status.errors?.[0]?.code : undefined;
    await this.context.deliveries.record(status.id, status.status as DeliveryStatus, code === undefined ? undefined : String(code));
  }

  private async handleMessage(item: Extract<WebhookItem, { kind: 'message' }>): Promise<void> {
    const { message } = item;
    const read = readMessage(message);
    if (read.kind === 'ignore') return;
    // read receipt and "typing…" while the hub works out its answer; never worth failing the turn
    await this.call((graph) => graph.markReadWithTyping(message.id)).catch((err: unknown) => {
      this.context.logger.warn({ integrationId: this.integrationId, err: describeError(err) }, 'WhatsApp mark-as-read failed');
    });
    const content: InboundContent = read.kind === 'media'
      ? await downloadMedia(read.ref, this.graph, this.context.media, this.tuning.mediaTimeoutMs)
      : read.content;
    await this.context.onInbound({
      integrationId: this.integrationId,
      channel: 'whatsapp-cloud',
      chatId: message.from,
      platformMessageId: message.id,
      sender: {
        externalId: message.from,
        phone: `+${message.from}`,
        ...(item.profileName ? { displayName: item.profileName } : {}),
      },
      content,
      receivedAt: this.sentAt(message.timestamp),
    });
  }

  /** When the citizen sent it (Meta's timestamp, seconds): the 24-hour window starts there, not when the queue got to it. */
  private sentAt(timestamp: string | undefined): Date {
    const now = this.context.now();
    const seconds = Number(timestamp);
    if (!timestamp || !Number.isFinite(seconds) || seconds <= 0) return now;
    const at = new Date(seconds * 1000);
    return at.getTime() > now.getTime() ? now : at;
  }

  /** A Graph API call whose outcome also tells the number's health. */
  private async call<T>(fn: (graph: GraphClient) => Promise<T>): Promise<T> {
    try {
      const result = await fn(this.graph);
      if (!this.stopped) this.health_.connected();
      return result;
    } catch (err) {
      if (isAuthError(err)) this.health_.degraded(`the access token was refused: ${describeError(err)}`);
      throw err;
    }
  }

  /** Start-up check of the token and number; tried again later while it fails. Never throws. */
  private async probe(): Promise<void> {
    try {
      const number = await this.call((graph) => graph.phoneNumber());
      const shown = number.verifiedName ?? number.displayPhoneNumber;
      if (shown) this.name = shown;
    } catch (err) {
      if (!isAuthError(err)) this.health_.degraded(`Graph API not reachable: ${describeError(err)}`);
      if (this.stopped) return;
      this.probeTimer = setTimeout(() => void this.probe(), this.tuning.probeRetryMs ?? 30_000);
      this.probeTimer.unref();
    }
  }
}
