import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusHash, DEFAULT_CORPUS_DIR, readCorpus } from '../../src/nlp/corpus.js';
import { loadOrTrain, MODEL_SALT, readModel } from '../../src/nlp/model.js';

const dir = mkdtempSync(join(tmpdir(), 'lapor-nlp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = (extra = ''): string => `language: id
intents:
  sapaan: [halo, selamat pagi, hai min]
  batal: [batal, gak jadi, cancel]${extra}
reports:
  infrastruktur:
    pengaduan: [jalan rusak parah, jembatan ambruk]
`;

describe('model file', () => {
  it('the committed model matches the committed corpus (a fresh clone does not train)', () => {
    const hash = corpusHash(DEFAULT_CORPUS_DIR, MODEL_SALT);
    expect(readModel(join(DEFAULT_CORPUS_DIR, 'model.json'), hash)).not.toBeNull();
  });

  it('trains when missing, loads when fresh, retrains when the corpus changes or the file is corrupt', async () => {
    const corpusDir = join(dir, 'corpus');
    mkdirSync(corpusDir);
    writeFileSync(join(corpusDir, 'train.id.yaml'), tiny());
    writeFileSync(join(corpusDir, 'train.en.yaml'), 'language: en\nintents:\n  sapaan: [hello]\n');
    const paths = { corpusDir, dataDir: join(dir, 'data') };

    const first = await loadOrTrain(paths);
    expect(first.source).toBe('trained');
    expect(first.path).toBe(join(corpusDir, 'model.json'));
    expect((await first.classifier.intent('jalan rusak', 'id')).label).toBe('pengaduan');

    const second = await loadOrTrain(paths);
    expect(second.source).toBe('loaded');

    // same bytes, new mtime: still fresh (the hash decides, not the clock)
    writeFileSync(join(corpusDir, 'train.id.yaml'), tiny());
    expect((await loadOrTrain(paths)).source).toBe('loaded');

    writeFileSync(join(corpusDir, 'train.id.yaml'), tiny('\n  bantuan: [tolong bantu, menu]'));
    const third = await loadOrTrain(paths);
    expect(third.source).toBe('trained');
    expect((await third.classifier.intent('menu', 'id')).label).toBe('bantuan');

    writeFileSync(third.path, readFileSync(third.path, 'utf8').slice(0, 100));
    expect((await loadOrTrain(paths)).source).toBe('trained');
    await expect(loadOrTrain({ ...paths, modelPath: join(dir, 'none.json'), train: 'never' })).rejects.toThrow(/nlp train/);
  });
});

describe('corpus', () => {
  it('reads a report line without a category under intents: (it trains the intent only)', () => {
    const corpusDir = join(dir, 'topicless');
    mkdirSync(corpusDir);
    writeFileSync(
      join(corpusDir, 'train.id.yaml'),
      'language: id\nintents:\n  pengaduan: [mau lapor]\n  sapaan: [halo]\nreports:\n  infrastruktur:\n    pengaduan: [jalan rusak]\n',
    );
    expect(readCorpus(corpusDir, 'train')).toEqual([
      { text: 'mau lapor', language: 'id', intent: 'pengaduan', category: null },
      { text: 'halo', language: 'id', intent: 'sapaan', category: null },
      { text: 'jalan rusak', language: 'id', intent: 'pengaduan', category: 'infrastruktur' },
    ]);
    writeFileSync(join(corpusDir, 'train.id.yaml'), 'language: id\nintents:\n  lapor: [mau lapor]\n');
    expect(() => readCorpus(corpusDir, 'train')).toThrow(/bad intent lapor/);
  });
});
