// Global commands: a whole message (text or payload, with or without "/") that acts at any step.
import type { Classification, Intent, Language } from '../core/taxonomy.js';
import type { NlpResult } from '../core/nlp.js';
import type { Flows } from './flow-schema.js';
import { normalizeWords } from './text.js';

export type Command =
  | { name: 'cancel' }
  | { name: 'help' }
  | { name: 'status'; trackingId?: string }
  | { name: 'language'; to?: Language }
  | { name: 'start' }
  /** `classification` when the words already say which ("mau ngadu": a complaint) */
  | { name: 'report'; classification?: Classification }
  | { name: 'menu' }
  | { name: 'resume' };

const TRACKING_ID = /^#?(\d{7})$/;

/** A polite word after a command: "mau lapor min", "batal dong", "menu kak". */
const SUFFIX = /(?:\s+(?:min|mimin|admin|kak|ka|pak|bu|gan|dong|ya|aja|saja))+$/;

/** Words about filing a report: a text with one of them is never a status check. */
const REPORT_WORD = /(?<![\p{L}\d])(?:lapor|melapor|laporkan|melaporkan|ngadu|mengadu|mengadukan|pengaduan|adukan)(?![\p{L}\d])/iu;
const COMPLAINT_WORD = /(?<![\p{L}\d])(?:ngadu|mengadu|pengaduan)(?![\p{L}\d])/iu;

/** cek_status without a tracking number needs this much NLP confidence to ask for the number. */
export const STATUS_INTENT_MIN_SCORE = 0.8;

type CommandName = keyof Flows['common']['commands'];

/** The flows' command and language words, normalized: built once per loaded flows, not per message. */
interface CommandWords {
  commands: Record<CommandName, Set<string>>;
  /** words naming a language ("english") and whole messages that switch to it ("bahasa indonesia") */
  languages: Record<Language, { words: Set<string>; switch: Set<string> }>;
}

const normalizedSet = (words: readonly string[]) => new Set(words.map(normalizeWords));
const commandWordsCache = new WeakMap<Flows, CommandWords>();

function commandWords(flows: Flows): CommandWords {
  let cached = commandWordsCache.get(flows);
  if (!cached) {
    const { commands, languages } = flows.common;
    cached = {
      commands: Object.fromEntries(Object.entries(commands).map(([name, words]) => [name, normalizedSet(words)])) as CommandWords['commands'],
      languages: {
        id: { words: normalizedSet(languages.id.words), switch: normalizedSet(languages.id.switch) },
        en: { words: normalizedSet(languages.en.words), switch: normalizedSet(languages.en.switch) },
      },
    };
    commandWordsCache.set(flows, cached);
  }
  return cached;
}

/** The language named by `words` ("english", "id"), if any. */
export function languageNamed(flows: Flows, words: string): Language | null {
  const w = normalizeWords(words);
  const { languages } = commandWords(flows);
  for (const lang of ['id', 'en'] as const) {
    if (languages[lang].words.has(w)) return lang;
  }
  return null;
}

/** The command a whole message is, or null. "status 4829301" and "bahasa english" carry an argument. */
export function detectCommand(flows: Flows, message: string): Command | null {
  const whole = normalizeWords(message);
  const plain = whole.replace(SUFFIX, '');
  return detect(flows, message, whole) ?? (plain && plain !== whole ? detect(flows, message, plain) : null);
}

function detect(flows: Flows, message: string, text: string): Command | null {
  const langPayload = /^lang:(id|en)$/.exec(text);
  if (langPayload) return { name: 'language', to: langPayload[1] as Language };
  const { commands, languages } = commandWords(flows);
  const is = (name: CommandName, words: string) => commands[name].has(words);

  for (const name of ['cancel', 'help', 'start', 'menu', 'resume'] as const) {
    if (is(name, text)) return { name };
  }
  if (is('report', text)) return COMPLAINT_WORD.test(text) ? { name: 'report', classification: 'PENGADUAN' } : { name: 'report' };
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
    if (languages[to].switch.has(text)) return { name: 'language', to };
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

/** Whether a text speaks of filing a report ("mau lapor", "pengaduan soal jalan"). */
export const mentionsReport = (text: string): boolean => REPORT_WORD.test(text);

/**
 * Intents that act like a command when the text does not answer the pending question.
 * cek_status looks a number up when the text has one; without one it asks for the number only
 * when NLP is sure and the text does not speak of reporting ("mau lapor" is never a status check).
 */
export function commandFromIntent(nlp: NlpResult | undefined, text: string = nlp?.text ?? ''): Command | null {
  if (!nlp) return null;
  const intent: Intent = nlp.intent;
  if (intent === 'batal') return { name: 'cancel' };
  if (intent === 'bantuan') return { name: 'help' };
  if (intent === 'cek_status') {
    const tracking = nlp.entities.find((e) => e.type === 'tracking_id');
    if (tracking) return { name: 'status', trackingId: tracking.value };
    if (nlp.intentScore >= STATUS_INTENT_MIN_SCORE && !mentionsReport(text)) return { name: 'status' };
  }
  return null;
}
