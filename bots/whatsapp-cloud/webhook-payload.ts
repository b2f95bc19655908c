// The webhook body Meta POSTs, split into the items the hub stores one by one: each
// message and each status of the number an adapter serves. Only what is read is checked;
// unknown fields pass (Meta adds them), and a change of another field is skipped.
import { z } from 'zod';
import { MAX_WEBHOOK_DEPTH, nestsDeeperThan } from '../../src/core/json-depth.js';

const contactShape = z.looseObject({
  wa_id: z.string(),
  profile: z.looseObject({ name: z.string().optional() }).optional(),
});

/** One inbound message: type-specific parts are read by inbound.ts. */
const messageShape = z.looseObject({
  id: z.string().min(1),
  from: z.string().min(1),
  timestamp: z.string().optional(),
  type: z.string(),
});

const statusShape = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  recipient_id: z.string().optional(),
  timestamp: z.string().optional(),
  errors: z.array(z.looseObject({ code: z.number().optional(), title: z.string().optional() })).optional(),
});

const changeShape = z.looseObject({
  field: z.string(),
  value: z.looseObject({
    metadata: z.looseObject({ phone_number_id: z.string() }).optional(),
    contacts: z.array(contactShape).optional(),
    messages: z.array(messageShape).optional(),
    statuses: z.array(statusShape).optional(),
  }),
});

const webhookShape = z.looseObject({
  object: z.string(),
  entry: z.array(z.looseObject({ id: z.string().optional(), changes: z.array(changeShape) })),
});

export type CloudMessage = z.infer<typeof messageShape> & Record<string, unknown>;
export type CloudStatus = z.infer<typeof statusShape>;

export type WebhookItem =
  | { kind: 'message'; phoneNumberId: string; message: CloudMessage; profileName?: string }
  | { kind: 'status'; phoneNumberId: string; status: CloudStatus };

/** What the inbox deduplicates on: Meta delivers at least once, with the same ids. */
export function dedupeKey(item: WebhookItem): string {
  return item.kind === 'message' ? `message:${item.message.id}` : `status:${item.status.id}:${item.status.status}`;
}

export class MalformedWebhook extends Error {
  override name = 'MalformedWebhook';
}

/** Every message and status in the body, with the phone number id it was sent to. */
export function splitWebhook(body: unknown): WebhookItem[] {
  if (nestsDeeperThan(body, MAX_WEBHOOK_DEPTH)) throw new MalformedWebhook(`body nests deeper than ${MAX_WEBHOOK_DEPTH} levels: no WhatsApp webhook does`);
  const parsed = webhookShape.safeParse(body);
  if (!parsed.success) throw new MalformedWebhook('not a WhatsApp Business Account webhook');
  const items: WebhookItem[] = [];
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const phoneNumberId = change.value.metadata?.phone_number_id;
      if (!phoneNumberId) continue;
      const names = new Map((change.value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
      for (const message of change.value.messages ?? []) {
        const profileName = names.get(message.from);
        items.push({ kind: 'message', phoneNumberId, message, ...(profileName ? { profileName } : {}) });
      }
      for (const status of change.value.statuses ?? []) items.push({ kind: 'status', phoneNumberId, status });
    }
  }
  return items;
}

/** A stored item read back from the queue (it was ours, but the queue hands back `unknown`). */
export function readItem(payload: unknown): WebhookItem | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const item = payload as Partial<WebhookItem>;
  if (typeof item.phoneNumberId !== 'string') return undefined;
  if (item.kind === 'message' && messageShape.safeParse(item.message).success) return item as WebhookItem;
  if (item.kind === 'status' && statusShape.safeParse(item.status).success) return item as WebhookItem;
  return undefined;
}
