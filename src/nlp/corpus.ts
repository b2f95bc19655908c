// The NLP corpus (flows/nlp/*.yaml): reading it into labelled examples, and its hash.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { CATEGORIES, INTENTS, REPORT_INTENTS, type Category, type Intent, type Language } from '../core/taxonomy.js';

/** flows/nlp/ of this checkout. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../flows/nlp/', import.meta.url));

export type Split = 'train' | 'test';
export const CORPUS_LANGUAGES: readonly Language[] = ['id', 'en'];

export interface Example {
  text: string;
  language: Language;
  intent: Intent;
  /** set for report intents only (null for a report that names no topic yet: "mau lapor") */
  category: Category | null;
  /** Kemendagri code of the regency the text names (test split annotation) */
  loc?: string;
}

type Item = string | { text: string; loc?: string };
interface CorpusFile {
  language: Language;
  intents?: Partial<Record<Intent, Item[]>>;
  reports?: Partial<Record<Category, Partial<Record<Intent, Item[]>>>>;
}

/** `<split>.<lang>.yaml` and `<split>.<lang>.<anything>.yaml`, sorted (the hash depends on the order). */
export const corpusFiles = (dir: string, split: Split): string[] =>
  readdirSync(dir)
    .filter((f) => new RegExp(`^${split}\\.(${CORPUS_LANGUAGES.join('|')})(\\.[\\w-]+)?\\.yaml$`).test(f))
    .sort()
    .map((f) => join(dir, f));

function item(i: Item): { text: string; loc?: string } {
  return typeof i === 'string' ? { text: i } : { text: String(i.text), ...(i.loc ? { loc: String(i.loc) } : {}) };
}

/** Reads one split; throws on an unknown intent or category so typos in the corpus surface at once. */
export function readCorpus(dir: string, split: Split): Example[] {
  const out: Example[] = [];
  for (const file of corpusFiles(dir, split)) {
    const doc = parseYaml(readFileSync(file, 'utf8')) as CorpusFile;
    const language = doc.language;
    for (const [intent, items] of Object.entries(doc.intents ?? {})) {
      // a report intent here (no category) trains the intent classifier only: "mau lapor", "I want to complain"
      if (!INTENTS.includes(intent as Intent)) throw new Error(`${file}: bad intent ${intent}`);
      for (const i of items ?? []) out.push({ ...item(i), language, intent: intent as Intent, category: null });
    }
    for (const [category, byIntent] of Object.entries(doc.reports ?? {})) {
      if (!CATEGORIES.includes(category as Category)) throw new Error(`${file}: bad category ${category}`);
      for (const [intent, items] of Object.entries(byIntent ?? {})) {
        if (!(intent in REPORT_INTENTS)) throw new Error(`${file}: ${intent} is not a report intent`);
        for (const i of items ?? []) out.push({ ...item(i), language, intent: intent as Intent, category: category as Category });
      }
    }
  }
  return out;
}

/** sha256 over the training files' bytes (and a salt for code versions): decides model staleness. */
export function corpusHash(dir: string, salt: string): string {
  const h = createHash('sha256').update(salt);
  for (const file of corpusFiles(dir, 'train')) h.update('\0').update(readFileSync(file));
  return h.digest('hex');
}
