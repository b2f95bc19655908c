// The targets, measured on the held-apart test split (flows/nlp/test.*.yaml).
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../src/nlp/classifier.js';
import { DEFAULT_CORPUS_DIR, readCorpus } from '../../src/nlp/corpus.js';
import { evaluate } from '../../src/nlp/eval.js';
import { loadGazetteer } from '../../src/nlp/gazetteer.js';
import { loadOrTrain } from '../../src/nlp/model.js';

describe('held-apart accuracy', () => {
  it('test messages never appear in training', () => {
    const train = new Set(readCorpus(DEFAULT_CORPUS_DIR, 'train').map((e) => e.text.toLowerCase()));
    const overlap = readCorpus(DEFAULT_CORPUS_DIR, 'test').filter((e) => train.has(e.text.toLowerCase()));
    expect(overlap.map((e) => e.text)).toEqual([]);
  });

  it('meets the targets: intent >= 0.95, category >= 0.85, location >= 0.9', async () => {
    const { classifier } = await loadOrTrain({ corpusDir: DEFAULT_CORPUS_DIR, train: 'never' });
    expect(classifier).toBeInstanceOf(Classifier);
    const report = await evaluate(DEFAULT_CORPUS_DIR, classifier, loadGazetteer());
    expect(report.intent.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.category.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(report.location.n).toBeGreaterThanOrEqual(30);
    expect(report.location.recall).toBeGreaterThanOrEqual(0.9);
    expect(report.location.falsePositives).toBe(0);
  });
});
