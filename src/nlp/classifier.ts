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
  export(minified?: boolean): string;
  import(data: string): void;
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

export interface TrainedModels {
  intent: string;
  category: string;
}

export class Classifier {
  private constructor(
    private readonly intentNlp: NlpJs,
    private readonly categoryNlp: NlpJs,
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
    return new Classifier(intentNlp, categoryNlp);
  }

  static fromJSON(models: TrainedModels): Classifier {
    const intentNlp = newNlp();
    const categoryNlp = newNlp();
    intentNlp.import(models.intent);
    categoryNlp.import(models.category);
    return new Classifier(intentNlp, categoryNlp);
  }

  toJSON(): TrainedModels {
    return { intent: this.intentNlp.export(true), category: this.categoryNlp.export(true) };
  }

  async intent(text: string, language: Language): Promise<Scored<Intent>> {
    const best = await top(this.intentNlp, text, language);
    const label = INTENTS.includes(best.label as Intent) ? (best.label as Intent) : 'none';
    return { label, score: best.score };
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
  const result = await nlp.classify(language, forClassifier(text));
  const best = result.classifications[0];
  return best ? { label: best.intent, score: round(best.score) } : { label: 'None', score: 0 };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
