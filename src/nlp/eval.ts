// Accuracy on the held-apart test split (flows/nlp/test.*.yaml).
import { CATEGORIES, INTENTS } from '../core/taxonomy.js';
import type { Classifier } from './classifier.js';
import { readCorpus } from './corpus.js';
import type { Gazetteer } from './gazetteer.js';
import { guessLanguage } from './language.js';

export interface Confusion {
  labels: string[];
  /** rows: expected, columns: predicted */
  counts: number[][];
}
export interface EvalReport {
  examples: number;
  language: { accuracy: number };
  intent: { accuracy: number; perLabel: Record<string, { n: number; accuracy: number }>; confusion: Confusion };
  /** on test messages whose expected intent is a report intent (the category classifier alone) */
  category: { accuracy: number; perLabel: Record<string, { n: number; accuracy: number }>; confusion: Confusion };
  /** pungli_korupsi on its own: a missed extortion report is the costliest category error */
  corruption: { n: number; recall: number; predicted: number; precision: number };
  /** test messages that name a regency/city/district: right code found */
  location: { n: number; recall: number; falsePositives: number; misses: string[] };
  errors: string[];
}

function tally(labels: readonly string[], pairs: [string, string][]) {
  const idx = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const [exp, got] of pairs) {
    const r = counts[idx.get(exp) ?? -1];
    if (r) r[idx.get(got) ?? 0] = (r[idx.get(got) ?? 0] ?? 0) + 1;
  }
  const perLabel: Record<string, { n: number; accuracy: number }> = {};
  labels.forEach((l, i) => {
    const row = counts[i] ?? [];
    const n = row.reduce((a, b) => a + b, 0);
    if (n) perLabel[l] = { n, accuracy: (row[i] ?? 0) / n };
  });
  const right = pairs.filter(([e, g]) => e === g).length;
  return { accuracy: pairs.length ? right / pairs.length : 1, perLabel, confusion: { labels: [...labels], counts } };
}

export async function evaluate(corpusDir: string, classifier: Classifier, gazetteer: Gazetteer): Promise<EvalReport> {
  const test = readCorpus(corpusDir, 'test');
  const intents: [string, string][] = [];
  const categories: [string, string][] = [];
  const errors: string[] = [];
  const misses: string[] = [];
  let langOk = 0;
  let locN = 0;
  let locOk = 0;
  let falsePositives = 0;
  for (const ex of test) {
    const language = guessLanguage(ex.text);
    if (language === ex.language) langOk += 1;
    const intent = await classifier.intent(ex.text, language);
    intents.push([ex.intent, intent.label]);
    if (intent.label !== ex.intent) errors.push(`intent ${ex.intent} -> ${intent.label} (${intent.score}): ${ex.text}`);
    if (ex.category) {
      const category = await classifier.category(ex.text, language);
      categories.push([ex.category, category.label]);
      if (category.label !== ex.category) errors.push(`category ${ex.category} -> ${category.label} (${category.score}): ${ex.text}`);
    }
    const places = gazetteer.find(ex.text);
    if (ex.loc) {
      locN += 1;
      if (places.some((p) => p.code === ex.loc)) locOk += 1;
      else misses.push(`${ex.loc} not found (${places.map((p) => p.code).join(',') || 'none'}): ${ex.text}`);
    } else if (places.length) falsePositives += 1;
  }
  return {
    examples: test.length,
    language: { accuracy: langOk / test.length },
    intent: tally(INTENTS, intents),
    category: tally(CATEGORIES, categories),
    corruption: recallPrecision(categories, 'pungli_korupsi'),
    location: { n: locN, recall: locN ? locOk / locN : 1, falsePositives, misses },
    errors,
  };
}

function recallPrecision(pairs: [string, string][], label: string): EvalReport['corruption'] {
  const n = pairs.filter(([e]) => e === label).length;
  const predicted = pairs.filter(([, g]) => g === label).length;
  const right = pairs.filter(([e, g]) => e === label && g === label).length;
  return { n, recall: n ? right / n : 1, predicted, precision: predicted ? right / predicted : 1 };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function table(c: Confusion): string {
  const short = c.labels.map((l) => l.slice(0, 6));
  const w = Math.max(...c.labels.map((l) => l.length));
  const lines = [`${'expected \\ got'.padEnd(w)} ${short.map((s) => s.padStart(6)).join(' ')}`];
  c.labels.forEach((l, i) => {
    const row = c.counts[i] ?? [];
    if (row.some((n) => n > 0)) lines.push(`${l.padEnd(w)} ${row.map((n) => String(n || '.').padStart(6)).join(' ')}`);
  });
  return lines.join('\n');
}

export function formatReport(r: EvalReport): string {
  const per = (p: Record<string, { n: number; accuracy: number }>): string =>
    Object.entries(p)
      .map(([l, v]) => `  ${l.padEnd(22)} ${pct(v.accuracy).padStart(6)}  (n=${v.n})`)
      .join('\n');
  return [
    `held-apart test split: ${r.examples} messages`,
    `language guess: ${pct(r.language.accuracy)}`,
    `intent accuracy: ${pct(r.intent.accuracy)}`,
    per(r.intent.perLabel),
    table(r.intent.confusion),
    '',
    `category accuracy (report messages): ${pct(r.category.accuracy)}`,
    per(r.category.perLabel),
    table(r.category.confusion),
    '',
    `pungli_korupsi recall: ${pct(r.corruption.recall)} (n=${r.corruption.n}); precision: ${pct(r.corruption.precision)} (predicted ${r.corruption.predicted})`,
    '',
    `location recall (messages naming a regency/city/district/village): ${pct(r.location.recall)} (n=${r.location.n}); messages without a place that got one: ${r.location.falsePositives}`,
    ...r.location.misses.map((m) => `  miss: ${m}`),
    '',
    `errors (${r.errors.length}):`,
    ...r.errors.map((e) => `  ${e}`),
  ].join('\n');
}
