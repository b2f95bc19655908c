import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nlpEvalCommand, nlpParseCommand, parseNowOption } from '../../src/cli/nlp.js';

async function run(lines: string[], opts: { now?: string } = {}): Promise<unknown[]> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  await nlpParseCommand(Readable.from([lines.join('\n')]), output, opts);
  return Buffer.concat(chunks)
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
}

describe('lapor-hub nlp parse', () => {
  it('writes one line per input line, in order, with an error for bad lines and parsing going on', async () => {
    const out = await run(
      [
        '{"text": "jalan rusak di kota bandung sejak kemarin"}',
        'not json',
        '',
        '{"text": 42}',
        '["text"]',
        'null',
        '{"text": "halo min"}',
      ],
      { now: '2026-11-28' },
    );
    expect(out).toHaveLength(6);
    expect(out[0]).toMatchObject({
      text: 'jalan rusak di kota bandung sejak kemarin',
      language: 'id',
      intent: 'pengaduan',
      category: 'infrastruktur',
      entities: [
        { type: 'location', text: 'kota bandung', code: '32.73', regency: 'Kota Bandung', province: 'Jawa Barat' },
        { type: 'date', text: 'kemarin', value: '2026-11-27' },
      ],
    });
    for (const i of [1, 2, 3, 4]) {
      expect(Object.keys(out[i] as object)).toEqual(['error']);
      expect(typeof (out[i] as { error: unknown }).error).toBe('string');
    }
    expect(out[5]).toMatchObject({ text: 'halo min', intent: 'sapaan', category: null });
  });

  it('checks --now', () => {
    expect(parseNowOption('2026-11-28').toISOString()).toBe('2026-11-28T05:00:00.000Z');
    expect(() => parseNowOption('2026-02-30')).toThrow(/--now/);
    expect(() => parseNowOption('yesterday')).toThrow(/--now/);
  });
});

describe('lapor-hub nlp eval', () => {
  it('prints accuracies, confusion tables and location recall', async () => {
    const output = new PassThrough();
    let text = '';
    output.on('data', (c: Buffer) => (text += c.toString()));
    const report = await nlpEvalCommand(output);
    expect(text).toMatch(/intent accuracy: \d/);
    expect(text).toMatch(/category accuracy/);
    expect(text).toMatch(/location recall/);
    expect(text).toMatch(/expected \\ got/);
    expect(report.examples).toBeGreaterThan(100);
  });
});
