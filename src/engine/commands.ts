// Global commands: a whole message (text or payload, with or without "/") that acts at any step.
import type { Intent, Language } from '../core/taxonomy.js';
import type { NlpResult } from '../core/nlp.js';
import type { Flows } from './flow-schema.js';
import { normalizeWords } from './text.js';

export type Command =
  | { name: 'cancel' }
  | { name: 'help' }
  | { name: 'status'; trackingId?: string }
  | { name: 'language'; to?: Language }
  | { name: 'start' }
  | { name: 'report' }
  | { name: 'menu' }
  | { name: 'resume' };

const TRACKING_ID = /^#?(\d{7})$/;

/** The language named by `words` ("english", "id"), if any. */
export function languageNamed(flows: Flows, words: string): Language | null {
  const w = normalizeWords(words);
  for (const lang of ['id', 'en'] as const) {
    if (flows.common.languages[lang].words.some((x) => normalizeWords(x) === w)) return lang;
  }
  return null;
}

/** The command a whole message is, or null. "status 4829301" and "bahasa english" carry an argument. */
export function detectCommand(flows: Flows, message: string): Command | null {
  const text = normalizeWords(message);
  const langPayload = /^lang:(id|en)$/.exec(text);
  if (langPayload) return { name: 'language', to: langPayload[1] as Language };
  const { commands } = flows.common;
  const is = (name: keyof typeof commands, words: string) => commands[name].some((w) => normalizeWords(w) === words);

  for (const name of ['cancel', 'help', 'start', 'report', 'menu', 'resume'] as const) {
    if (is(name, text)) return { name };
  }
  if (is('status', text)) return { name: 'status' };
  if (is('language', text)) return { name: 'language' };

  // "status 4829301", "bahasa english", "/start somepayload"
  const split = /^(.+?)\s+(\S+)$/.exec(text);
  if (split) {
    const [, head, arg] = split as unknown as [string, string, string];
    const tracking = TRACKING_ID.exec(arg);
    if (tracking && is('status', head)) return { name: 'status', trackingId: tracking[1]! };
    const to = languageNamed(flows, arg);
    if (to && is('language', head)) return { name: 'language', to };
  }
  // a language named on its own: "english", "bahasa indonesia"
  for (const to of ['id', 'en'] as const) {
    if (flows.common.languages[to].switch.some((w) => normalizeWords(w) === text)) return { name: 'language', to };
  }
  // a deep link "/start xyz": Telegram sends it when the chat is opened from a link;
  // an agency's "t.me/bot?start=lapor" goes straight to a new report
  const deepLink = /^start\s+(.+)$/.exec(text);
  if (deepLink && message.trim().startsWith('/')) {
    if (is('report', deepLink[1]!)) return { name: 'report' };
    if (is('status', deepLink[1]!)) return { name: 'status' };
    return { name: 'start' };
  }
  return null;
}

/** Intents that act like a command when the text does not answer the pending question. */
export function commandFromIntent(nlp: NlpResult | undefined): Command | null {
  if (!nlp) return null;
  const intent: Intent = nlp.intent;
  if (intent === 'batal') return { name: 'cancel' };
  if (intent === 'bantuan') return { name: 'help' };
  if (intent === 'cek_status') {
    const tracking = nlp.entities.find((e) => e.type === 'tracking_id');
    return tracking ? { name: 'status', trackingId: tracking.value } : { name: 'status' };
  }
  return null;
}
