// The notification catalog (flows/notifications.yaml): messages the hub sends on its own,
// such as the tracking number after filing, status changes and agency responses.
import type { Reply } from '../core/messages.js';
import type { Language } from '../core/taxonomy.js';
import type { Flows, NotificationKey } from './flow-schema.js';
import { loadFlows } from './loader.js';
import { fill } from './text.js';

export type NotificationVars = Record<string, string | number | Date | string[] | null | undefined>;

/** A status word in everyday language ("diteruskan ke instansi"); unknown words are returned as given. */
export function statusLabel(language: Language, status: string, flows: Flows = loadFlows()): string {
  const labels = flows.notifications.status_labels as Record<string, { id: string; en: string }>;
  return labels[status]?.[language] ?? status;
}

/** 28 Nov 2026 14.00 WIB: instants are shown in Jakarta time. */
function formatInstant(date: Date, language: Language): string {
  const text = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'Asia/Jakarta',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
  return `${text} WIB`;
}

/**
 * A notification in the citizen's language. `status` given as a status word is shown with its
 * label; Dates are shown in Jakarta time; a list (`reasons`) becomes bullet lines.
 */
export function renderNotification(
  flows: Flows,
  language: Language,
  key: NotificationKey | (string & {}),
  vars: NotificationVars = {},
): Reply {
  const notification = flows.notifications.notifications[key];
  if (!notification) throw new Error(`unknown notification "${key}"`);
  const values: Record<string, string | number | null | undefined> = {};
  for (const [name, value] of Object.entries(vars)) {
    if (value instanceof Date) values[name] = formatInstant(value, language);
    else if (Array.isArray(value)) values[name] = value.map((v) => `• ${v}`).join('\n');
    else values[name] = value;
  }
  if (typeof vars.status === 'string') values.status = statusLabel(language, vars.status, flows);
  const message: Reply = { text: fill(notification[language], values) };
  if (notification.quick_replies?.length) {
    message.quickReplies = notification.quick_replies.map((k) => ({
      title: flows.common.quick_replies[k][language],
      payload: k,
    }));
  }
  return message;
}
