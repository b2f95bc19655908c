// Texts in the conversation's language, with {placeholders} filled in.
import type { Language } from '../core/taxonomy.js';
import type { LocalText } from './flow-schema.js';

export type TextVars = Record<string, string | number | null | undefined>;

const PLACEHOLDER = /\{(\w+)\}/g;

const isEmpty = (value: TextVars[string]) => value === undefined || value === null || value === '';

/**
 * Fills {name} placeholders. A part in [[double brackets]] is kept only when every placeholder
 * in it has a value, so optional lines ("Instansi: {institution}") vanish instead of showing blanks.
 */
export function fill(template: string, vars: TextVars = {}): string {
  const withOptionals = template.replace(/\[\[([\s\S]*?)\]\]/g, (_all, part: string) =>
    [...part.matchAll(PLACEHOLDER)].some((m) => isEmpty(vars[m[1]!])) ? '' : part,
  );
  return withOptionals.replace(PLACEHOLDER, (_all, name: string) => (isEmpty(vars[name]) ? '' : String(vars[name])));
}

/** The text in `language`, filled. */
export function say(text: LocalText, language: Language, vars?: TextVars): string {
  return fill(text[language], vars);
}

/** Lowercase, no leading "/", no "@botname", single spaces, no trailing punctuation: for matching words. */
export function normalizeWords(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^\/+/, '')
    .replace(/^(\S+)@\w+/, '$1') // Telegram: /start@laporbot
    .replace(/[_\s]+/g, ' ')
    .replace(/(.)[.!?,;:]+$/, '$1') // "status?" is "status", a lone "?" stays
    .trim();
}

/** Length in Unicode code points after trimming (how LAPOR! counts). */
export const codePoints = (text: string): number => [...text.trim()].length;

/** A sentence ends at ! ? ; a line break, or a full stop that is not an abbreviation ("Jl.", "No.", "Kec."). */
export const SENTENCE_END = /[!?;\n]|(?<!(?:^|[^\p{L}])(?:jl|jln|gg|no|kec|kel|kab|ds|rt|rw|dr|st|pt|cv|mt))\.(?=\s|$)/giu;

/** The sentences of a text, each with its closing punctuation, white space collapsed. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    sentences.push(text.slice(start, m.index + m[0].length));
    start = m.index + m[0].length;
  }
  sentences.push(text.slice(start));
  return sentences.map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
}
