// Choosing a quick reply: by tapping it (payload) or by typing its title, payload, number,
// or an everyday word for it ("ya", "gak", "lewati").
import type { QuickReply } from '../core/messages.js';
import type { Flows } from './flow-schema.js';
import { normalizeWords } from './text.js';

/** What the citizen sent, as far as choosing an option goes. */
export type Answer = { kind: 'text'; text: string } | { kind: 'payload'; payload: string };

/** Letters and digits only, so "✅ Kirim laporan" matches "kirim laporan". */
const bare = (text: string) =>
  normalizeWords(text)
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The offered option the answer chooses, or null. A payload must be one of the offered ones
 * exactly; typed text may also be the option's number when `numbered` (lists of choices).
 */
export function chooseOption(
  flows: Flows,
  answer: Answer,
  offered: QuickReply[],
  { numbered = false } = {},
): QuickReply | null {
  if (answer.kind === 'payload') return offered.find((o) => o.payload === answer.payload) ?? null;
  const typed = bare(answer.text);
  if (!typed) return null;
  const byTitleOrPayload = offered.find((o) => bare(o.title) === typed || bare(o.payload) === typed);
  if (byTitleOrPayload) return byTitleOrPayload;
  if (numbered && /^\d{1,2}$/.test(typed)) return offered[Number(typed) - 1] ?? null;
  const words = flows.common.payload_words;
  return offered.find((o) => [...(words[o.payload] ?? []), ...titlesInEveryLanguage(flows, o.payload)].some((w) => bare(w) === typed)) ?? null;
}

/** Titles of a payload in both languages: "anonim" still works in an English conversation. */
function titlesInEveryLanguage(flows: Flows, payload: string): string[] {
  const { choices, quick_replies, fields } = flows.common;
  const lookups: Record<string, { id: string; en: string } | undefined>[] = [
    quick_replies,
    fields,
    ...[choices.classification, choices.category, choices.privacy].map((group) =>
      Object.fromEntries(Object.entries(group).map(([key, choice]) => [key, choice.title])),
    ),
  ];
  return lookups.flatMap((lookup) => {
    const text = Object.hasOwn(lookup, payload) ? lookup[payload] : undefined;
    return text ? [text.id, text.en] : [];
  });
}
