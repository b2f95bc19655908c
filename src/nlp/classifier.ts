// The two nlp.js classifiers: intent (8 classes) and category (13 classes,
// trained on report utterances only). Each is an nlp.js `Nlp` with an
// Indonesian (lang-id) and an English (lang-en-min) neural model.
import { createRequire } from 'node:module';
import { CATEGORIES, INTENTS, REPORT_INTENTS, type Category, type Intent, type Language } from '../core/taxonomy.js';
import { CORPUS_LANGUAGES, type Example } from './corpus.js';
import { namesCorruption } from './corruption.js';
import { forClassifier } from './normalize.js';

// nlp.js is CommonJS without type declarations.
const require = createRequire(import.meta.url);
const { containerBootstrap } = require('@nlpjs/core');
const { Nlp } = require('@nlpjs/nlp');
const { LangId } = require('@nlpjs/lang-id');
const { LangEn } = require('@nlpjs/lang-en-min');

interface NlpJs {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  toJSON(): object;
  fromJSON(json: object): void;
  classify(locale: string, utterance: string): Promise<{ classifications: { intent: string; score: number }[] }>;
}

function newNlp(): NlpJs {
  const container = containerBootstrap();
  container.use(LangId);
  container.use(LangEn);
  return new Nlp(
    { languages: [...CORPUS_LANGUAGES], autoLoad: false, autoSave: false, calculateSentiment: false, nlu: { log: false } },
    container,
  ) as NlpJs;
}

export interface Scored<T> {
  label: T;
  score: number;
}

/** The nlp.js models as plain JSON, and the length priors (what model.json stores). */
export interface TrainedModels {
  /** intent of messages longer than SHORT_MAX words: trained without the topic-less report lines */
  intent: object;
  /** intent of short messages (up to SHORT_MAX words): trained on short lines, topic-less report lines included */
  shortIntent: object;
  category: object;
  /** intent -> P(message length bucket | intent), from the training lines of the long net */
  lengthPrior: Record<string, number[]>;
  /** the same over the short net's lines (messages up to SHORT_MAX words) */
  shortLengthPrior: Record<string, number[]>;
}

/**
 * Two regimes for the intent. A short message ("mau lapor", "cek status", "batal",
 * "halo min") is told apart by a few function words; a long one by what it is about.
 * The topic-less report lines ("mau lapor", "I want to complain") are what makes a
 * bare "lapor" a report, but in the same net they also move the weights of "mau",
 * "sudah", "belum" that long complaints depend on. So short messages get their own
 * net, trained on the short training lines only (topic-less report lines included),
 * and long messages the net trained on everything except those lines.
 */
export const SHORT_MAX = 6;
const isShort = (features: string): boolean => wordCount(features) <= SHORT_MAX;
const wordCount = (features: string): number => (features ? features.split(' ').length : 0);
/** a report line without a category: "mau lapor", trained into the short net only */
const topicless = (ex: Example): boolean => ex.category === null && ex.intent in REPORT_INTENTS;

/**
 * Message length matters: greetings, "batal" and "bantuan" are short, reports are
 * long. A bag-of-words net alone lets one shared word ("siang", "berhenti",
 * "bantuan") pull a long complaint into a short-message intent, so the net's
 * scores are weighed by P(length bucket | intent), learned from the training split.
 */
const LENGTH_BUCKETS = 9;
const lengthBucket = (features: string): number => Math.min(wordCount(features), LENGTH_BUCKETS - 1);

function lengthPrior(examples: Example[]): Record<string, number[]> {
  const prior: Record<string, number[]> = {};
  for (const intent of INTENTS) {
    const counts = new Array<number>(LENGTH_BUCKETS).fill(1); // Laplace smoothing
    for (const ex of examples) if (ex.intent === intent) counts[lengthBucket(forClassifier(ex.text))]! += 1;
    const total = counts.reduce((a, b) => a + b, 0);
    prior[intent] = counts.map((c) => c / total);
  }
  return prior;
}

export class Classifier {
  private constructor(
    private readonly intentNlp: NlpJs,
    private readonly shortNlp: NlpJs,
    private readonly categoryNlp: NlpJs,
    private readonly priors: { long: Record<string, number[]>; short: Record<string, number[]> },
  ) {}

  static async train(examples: Example[]): Promise<Classifier> {
    const intentNlp = newNlp();
    const shortNlp = newNlp();
    const categoryNlp = newNlp();
    for (const ex of examples) {
      const text = forClassifier(ex.text);
      if (!topicless(ex)) intentNlp.addDocument(ex.language, text, ex.intent);
      // a line one word longer than SHORT_MAX still teaches the short net its words
      if (wordCount(text) <= SHORT_MAX + 1) shortNlp.addDocument(ex.language, text, ex.intent);
      if (ex.category) categoryNlp.addDocument(ex.language, text, ex.category);
    }
    await intentNlp.train();
    await shortNlp.train();
    await categoryNlp.train();
    const short = examples.filter((ex) => isShort(forClassifier(ex.text)));
    return new Classifier(intentNlp, shortNlp, categoryNlp, {
      long: lengthPrior(examples.filter((ex) => !topicless(ex))),
      short: lengthPrior(short),
    });
  }

  static fromJSON(models: TrainedModels): Classifier {
    const intentNlp = newNlp();
    const shortNlp = newNlp();
    const categoryNlp = newNlp();
    intentNlp.fromJSON(models.intent);
    shortNlp.fromJSON(models.shortIntent);
    categoryNlp.fromJSON(models.category);
    return new Classifier(intentNlp, shortNlp, categoryNlp, { long: models.lengthPrior, short: models.shortLengthPrior });
  }

  toJSON(): TrainedModels {
    return {
      intent: this.intentNlp.toJSON(),
      shortIntent: this.shortNlp.toJSON(),
      category: this.categoryNlp.toJSON(),
      lengthPrior: this.priors.long,
      shortLengthPrior: this.priors.short,
    };
  }

  async intent(text: string, language: Language): Promise<Scored<Intent>> {
    const features = forClassifier(text);
    const short = isShort(features);
    const { classifications } = await (short ? this.shortNlp : this.intentNlp).classify(language, features);
    const prior = short ? this.priors.short : this.priors.long;
    const bucket = lengthBucket(features);
    let best: Scored<Intent> = { label: 'none', score: 0 };
    let total = 0;
    for (const c of classifications) {
      const weighted = c.score * (prior[c.intent]?.[bucket] ?? 0);
      total += weighted;
      if (weighted > best.score) best = { label: c.intent as Intent, score: weighted };
    }
    // nothing known ("None", or all scores zero): out of scope
    return total > 0 && INTENTS.includes(best.label) ? { label: best.label, score: round(best.score / total) } : { label: 'none', score: 0 };
  }

  async category(text: string, language: Language): Promise<Scored<Category>> {
    const best = await top(this.categoryNlp, text, language);
    // explicit words for extortion or bribes win over the service they happened in
    if (namesCorruption(text)) return { label: 'pungli_korupsi', score: Math.max(best.label === 'pungli_korupsi' ? best.score : 0, 0.9) };
    // nlp.js answers "None" when no word is known: the report still needs a topic.
    return CATEGORIES.includes(best.label as Category)
      ? { label: best.label as Category, score: best.score }
      : { label: 'lainnya', score: 0 };
  }
}

async function top(nlp: NlpJs, text: string, language: Language): Promise<Scored<string>> {
  // (category only; intent() weighs every class by the length prior)
  const result = await nlp.classify(language, forClassifier(text));
  const best = result.classifications[0];
  return best ? { label: best.intent, score: round(best.score) } : { label: 'None', score: 0 };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
