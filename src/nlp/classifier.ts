// The two nlp.js classifiers: intent (8 classes) and category (13 classes,
// trained on report utterances only). Each is an nlp.js `Nlp` with an
// Indonesian (lang-id) and an English (lang-en-min) neural model.
import { createRequire } from 'node:module';
import { CATEGORIES, INTENTS, type Category, type Intent, type Language } from '../core/taxonomy.js';
import { CORPUS_LANGUAGES, type Example } from './corpus.js';
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

/** The nlp.js models as plain JSON, and the length prior (what model.json stores). */
export interface TrainedModels {
  intent: object;
  category: object;
  /** intent -> P(message length bucket | intent), from the training split */
  lengthPrior: Record<string, number[]>;
}

/**
 * Message length matters: greetings, "batal" and "bantuan" are short, reports are
 * long. A bag-of-words net alone lets one shared word ("siang", "berhenti",
 * "bantuan") pull a long complaint into a short-message intent, so the net's
 * scores are weighed by P(length bucket | intent), learned from the training split.
 */
const LENGTH_BUCKETS = 9;
const lengthBucket = (features: string): number => Math.min(features ? features.split(' ').length : 0, LENGTH_BUCKETS - 1);

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
    private readonly categoryNlp: NlpJs,
    private readonly lengthPrior: Record<string, number[]>,
  ) {}

  static async train(examples: Example[]): Promise<Classifier> {
    const intentNlp = newNlp();
    const categoryNlp = newNlp();
    for (const ex of examples) {
      const text = forClassifier(ex.text);
      intentNlp.addDocument(ex.language, text, ex.intent);
      if (ex.category) categoryNlp.addDocument(ex.language, text, ex.category);
    }
    await intentNlp.train();
    await categoryNlp.train();
    return new Classifier(intentNlp, categoryNlp, lengthPrior(examples));
  }

  static fromJSON(models: TrainedModels): Classifier {
    const intentNlp = newNlp();
    const categoryNlp = newNlp();
    intentNlp.fromJSON(models.intent);
    categoryNlp.fromJSON(models.category);
    return new Classifier(intentNlp, categoryNlp, models.lengthPrior);
  }

  toJSON(): TrainedModels {
    return { intent: this.intentNlp.toJSON(), category: this.categoryNlp.toJSON(), lengthPrior: this.lengthPrior };
  }

  async intent(text: string, language: Language): Promise<Scored<Intent>> {
    const features = forClassifier(text);
    const { classifications } = await this.intentNlp.classify(language, features);
    const bucket = lengthBucket(features);
    let best: Scored<Intent> = { label: 'none', score: 0 };
    let total = 0;
    for (const c of classifications) {
      const weighted = c.score * (this.lengthPrior[c.intent]?.[bucket] ?? 0);
      total += weighted;
      if (weighted > best.score) best = { label: c.intent as Intent, score: weighted };
    }
    // nothing known ("None", or all scores zero): out of scope
    return total > 0 && INTENTS.includes(best.label) ? { label: best.label, score: round(best.score / total) } : { label: 'none', score: 0 };
  }

  async category(text: string, language: Language): Promise<Scored<Category>> {
    const best = await top(this.categoryNlp, text, language);
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
