// Choosing a quick reply: by tapping it (payload) or by typing its title, payload, number,
// an everyday word for it ("ya", "gak", "lewati"), or a close match of one of those ("pengadun").
import type { QuickReply } from '../core/messages.js';
import { editDistance } from './edit-distance.js';
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

/** "2" (or "2." / " 2 "): a typed option number. */
const NUMBER = /^\d{1,2}$/;

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
  if (numbered && NUMBER.test(typed)) return optionNumbered(offered, typed);
  return offered.find((o) => namesOf(flows, o).some((w) => w === typed)) ?? null;
}

/** The nth offered option for a typed "n", or null (no such option, or not a number). */
export function optionNumbered(offered: QuickReply[], text: string): QuickReply | null {
  const typed = bare(text);
  return NUMBER.test(typed) ? (offered[Number(typed) - 1] ?? null) : null;
}

/**
 * The one offered option the text is a close match of: word by word, each word as in one of the
 * option's names (title, payload, everyday words, titles in both languages), or a word of 5+
 * letters there with one typo (two in words of 10+). Null when none is that close, or more than one.
 */
export function closeOption(flows: Flows, text: string, offered: QuickReply[]): QuickReply | null {
  const typed = bare(text).split(' ').filter(Boolean);
  if (!typed.some((word) => /\p{L}/u.test(word))) return null;
  const close = offered.filter((o) => namesOf(flows, o).some((name) => isCloseTo(typed, name.split(' '))));
  const payloads = new Set(close.map((o) => o.payload));
  return payloads.size === 1 ? close[0]! : null;
}

/** Typos allowed in a word of the option: none under 5 letters, one from 5, two from 10. */
const typosAllowed = (word: string): number => {
  const length = [...word].length;
  return length >= 10 ? 2 : length >= 5 ? 1 : 0;
};

function isCloseTo(typed: string[], name: string[]): boolean {
  if (typed.length !== name.length) return false;
  return name.every((word, i) => {
    const allowed = typosAllowed(word);
    return typed[i] === word || (allowed > 0 && editDistance(typed[i]!, word, allowed) <= allowed);
  });
}

/** Every name an option may be typed by, bare: title, payload, everyday words, titles in both languages. */
function namesOf(flows: Flows, option: QuickReply): string[] {
  const words = flows.common.payload_words[option.payload] ?? [];
  return [option.title, option.payload, ...words, ...titlesInEveryLanguage(flows, option.payload)].map(bare).filter(Boolean);
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
