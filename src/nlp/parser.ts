// createNlp: the hub's NLP parser (src/core/nlp.ts NlpParser), built once at start-up.
import type { NlpParser, NlpResult } from '../core/nlp.js';
import { REPORT_INTENTS } from '../core/taxonomy.js';
import type { Classifier } from './classifier.js';
import { DEFAULT_CORPUS_DIR } from './corpus.js';
import { extractEntities } from './entities.js';
import { loadGazetteer, type Gazetteer } from './gazetteer.js';
import { guessLanguage } from './language.js';
import { loadOrTrain } from './model.js';

export interface NlpOptions {
  /** corpus folder (default: flows/nlp of this checkout) */
  corpusDir?: string;
  /** model file to read/write (default: <corpusDir>/model.json, else DATA_DIR/nlp/model.json) */
  modelPath?: string;
  /** DATA_DIR (default: env DATA_DIR or ./data) */
  dataDir?: string;
  /** 'auto' (default): train when the model is missing or stale; 'never': throw instead */
  train?: 'auto' | 'never';
  /** gets one start-up line: how the model was obtained and how long loading took (pino-compatible) */
  logger?: { info(obj: object, msg?: string): void };
}

export interface Nlp extends NlpParser {
  close?(): void;
  /** builds the rest of the place index in the background (the hub calls it once it is serving) */
  warm(): Promise<void>;
}

export async function createNlp(options: NlpOptions = {}): Promise<Nlp> {
  const corpusDir = options.corpusDir ?? DEFAULT_CORPUS_DIR;
  const model = await loadOrTrain({ ...options, corpusDir });
  const started = performance.now();
  const gazetteer = loadGazetteer();
  const gazetteerMs = Math.round(performance.now() - started);
  options.logger?.info({ source: model.source, path: model.path, modelMs: model.ms, gazetteerMs }, 'NLP model ready');
  return new Parser(model.classifier, gazetteer);
}

/** The name src/app.ts uses. */
export const loadNlp = createNlp;

class Parser implements Nlp {
  constructor(
    private readonly classifier: Classifier,
    private readonly gazetteer: Gazetteer,
  ) {}

  warm(): Promise<void> {
    return this.gazetteer.warm();
  }

  async parse(text: string, options: { now?: Date } = {}): Promise<NlpResult> {
    const language = guessLanguage(text);
    const intent = await this.classifier.intent(text, language);
    const category = intent.label in REPORT_INTENTS ? await this.classifier.category(text, language) : null;
    return {
      text,
      language,
      intent: intent.label,
      intentScore: intent.score,
      category: category?.label ?? null,
      categoryScore: category?.score ?? 0,
      entities: extractEntities(text, options.now ?? new Date(), this.gazetteer),
    };
  }
}
