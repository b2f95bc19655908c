// The trained model file: where it lives, when it is stale, load or train.
//
// Staleness is decided by a hash of the training corpus files (plus a salt for
// the code that turns text into features), stored inside the model file: git
// checkouts do not keep mtimes. The model (~1.3 MB) is committed as
// flows/nlp/model.json so that a fresh clone does not train; when that
// directory is not writable the model goes to DATA_DIR/nlp/model.json.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Classifier, type TrainedModels } from './classifier.js';
import { corpusHash, readCorpus } from './corpus.js';
import { NORMALIZER_VERSION } from './normalize.js';

/** Bump when classifier features or settings change. */
export const MODEL_SALT = `lapor-hub-nlp/4;normalizer=${NORMALIZER_VERSION};nlpjs=4.27`;
export const MODEL_FILE = 'model.json';
/** Above this a model is not committed beside the corpus. */
const MAX_COMMITTED_BYTES = 5 * 1024 * 1024;

export interface ModelFile {
  format: 1;
  corpusHash: string;
  trainedAt: string;
  trainMs: number;
  models: TrainedModels;
}

export interface ModelPaths {
  corpusDir: string;
  /** explicit model path: used for both reading and writing when set */
  modelPath?: string;
  dataDir?: string;
}

/** Where to look for a model, in order. */
export function modelCandidates(p: ModelPaths): string[] {
  if (p.modelPath) return [p.modelPath];
  return [join(p.corpusDir, MODEL_FILE), join(p.dataDir ?? process.env.DATA_DIR ?? './data', 'nlp', MODEL_FILE)];
}

/** The model at `path` when it exists and was trained on the current corpus; else null. */
export function readModel(path: string, hash: string): ModelFile | null {
  let file: ModelFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as ModelFile;
  } catch {
    return null; // missing or unreadable: train
  }
  return file.format === 1 && file.corpusHash === hash && file.models ? file : null;
}

export interface TrainResult {
  classifier: Classifier;
  path: string;
  trainMs: number;
}

/** Trains from the corpus and writes the model file (atomically: write then rename). */
export async function trainModel(p: ModelPaths): Promise<TrainResult> {
  const hash = corpusHash(p.corpusDir, MODEL_SALT);
  const started = performance.now();
  const classifier = await Classifier.train(readCorpus(p.corpusDir, 'train'));
  const trainMs = Math.round(performance.now() - started);
  const file: ModelFile = { format: 1, corpusHash: hash, trainedAt: new Date().toISOString(), trainMs, models: classifier.toJSON() };
  const json = JSON.stringify(file);
  const candidates = modelCandidates(p);
  const targets = !p.modelPath && Buffer.byteLength(json) > MAX_COMMITTED_BYTES ? candidates.slice(1) : candidates;
  let lastError: unknown;
  for (const path of targets) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(`${path}.tmp`, json);
      renameSync(`${path}.tmp`, path);
      return { classifier, path, trainMs };
    } catch (err) {
      lastError = err; // read-only checkout: try DATA_DIR
    }
  }
  throw new Error(`cannot write the NLP model: ${String(lastError)}`);
}

export interface LoadResult {
  classifier: Classifier;
  path: string;
  /** 'loaded' from a fresh model file, or 'trained' because it was missing or stale */
  source: 'loaded' | 'trained';
  ms: number;
}

/** Loads the model, training first when it is missing or stale (unless train is 'never'). */
export async function loadOrTrain(p: ModelPaths & { train?: 'auto' | 'never' }): Promise<LoadResult> {
  const started = performance.now();
  const hash = corpusHash(p.corpusDir, MODEL_SALT);
  for (const path of modelCandidates(p)) {
    const file = readModel(path, hash);
    if (file) {
      const classifier = Classifier.fromJSON(file.models);
      return { classifier, path, source: 'loaded', ms: Math.round(performance.now() - started) };
    }
  }
  if (p.train === 'never') throw new Error('NLP model missing or stale; run `lapor-hub nlp train`');
  const trained = await trainModel(p);
  return { classifier: trained.classifier, path: trained.path, source: 'trained', ms: Math.round(performance.now() - started) };
}
