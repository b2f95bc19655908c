// npm run bench:nlp — model load, gazetteer load, training time, parse latency over the test split.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNlp } from '../src/nlp/index.js';
import { DEFAULT_CORPUS_DIR, readCorpus } from '../src/nlp/corpus.js';
import { loadGazetteer } from '../src/nlp/gazetteer.js';
import { loadOrTrain, trainModel } from '../src/nlp/model.js';

const ms = (x: number): string => `${x.toFixed(x < 10 ? 3 : 0)} ms`;
const time = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
};
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

const [loaded, loadMs] = await time(() => loadOrTrain({ corpusDir: DEFAULT_CORPUS_DIR, train: 'never' }));
const [gazetteer, gazMs] = await time(() => loadGazetteer());
const [, villageMs] = await time(() => gazetteer.warm());

const tmp = mkdtempSync(join(tmpdir(), 'lapor-nlp-bench-'));
const [trained] = await time(() => trainModel({ corpusDir: DEFAULT_CORPUS_DIR, modelPath: join(tmp, 'model.json') }));
rmSync(tmp, { recursive: true, force: true });

const nlp = await createNlp({ train: 'never' });
const texts = readCorpus(DEFAULT_CORPUS_DIR, 'test').map((e) => e.text);
const now = new Date();
for (const t of texts) await nlp.parse(t, { now }); // warm-up (JIT, village index)
const samples: number[] = [];
for (let round = 0; round < 5; round += 1) {
  for (const t of texts) {
    const s = performance.now();
    await nlp.parse(t, { now });
    samples.push(performance.now() - s);
  }
}

console.log(`model load (${loaded.source}, ${loaded.path}): ${ms(loadMs)}`);
console.log(`gazetteer load: ${ms(gazMs)} (+ village index, built after start-up: ${ms(villageMs)})`);
console.log(`training (${readCorpus(DEFAULT_CORPUS_DIR, 'train').length} utterances): ${ms(trained.trainMs)}`);
console.log(`parse latency over ${texts.length} test messages x5: p50 ${ms(quantile(samples, 0.5))}, p99 ${ms(quantile(samples, 0.99))}`);
