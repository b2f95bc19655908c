// One definition per question (src/engine/questions/): the flow files are validated against the
// definitions, SLOTS comes from them, and the typed-option helpers read numbers and typos.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/engine/edit-distance.js';
import { DEFAULT_FLOWS_DIR, FlowError, loadFlows } from '../../src/engine/loader.js';
import { closeOption, optionNumbered } from '../../src/engine/options.js';
import { allQuestions, questionSlots } from '../../src/engine/questions/index.js';

const flows = loadFlows();

function flowsWith(file: string, change: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'flows-'));
  cpSync(DEFAULT_FLOWS_DIR, dir, { recursive: true });
  const before = readFileSync(join(dir, file), 'utf8');
  const after = change(before);
  expect(after, 'the change applies').not.toBe(before);
  writeFileSync(join(dir, file), after);
  return dir;
}

describe('the flows are checked against the question definitions', () => {
  it('every question with flow texts has them, in both languages', () => {
    for (const q of allQuestions()) {
      if (!q.texts) continue;
      const texts = flows[q.texts.flow].questions[q.id];
      expect(texts?.ask.id, q.id).toBeTruthy();
      expect(texts?.ask.en, q.id).toBeTruthy();
      for (const variant of q.texts.variants ?? []) expect(texts?.[variant], `${q.id}.${variant}`).toBeDefined();
    }
  });

  it('the slots the questions ask for are the slots of contracts/webchat-api.md, as the questions declare them', () => {
    const contract = readFileSync(join(DEFAULT_FLOWS_DIR, '../docs/webchat-api.md'), 'utf8');
    const listed = /Slots: ([^\n]+\n[^\n]+)/.exec(contract)![1]!.match(/`(\w+)`/g)!.map((s) => s.slice(1, -1));
    expect(questionSlots().sort()).toEqual([...listed].sort());
  });

  it.each([
    ['a question without its texts', 'complaint.yaml', (t: string) => t.replace('\n  title:\n', '\n  titel:\n'), /questions\.title|titel/],
    ['a re-ask reason its answers never give', 'status.yaml', (t: string) => t.replace('      invalid:\n', '      invalide:\n'), /unknown re-ask reasons: invalide/],
    ['a text variant the question does not use', 'complaint.yaml', (t: string) => t.replace('    ask_optional:\n', '    ask_more:\n'), /ask_more|ask_optional/],
    ['a flow setting on a question that collects no slot', 'complaint.yaml', (t: string) => t.replace('  summary:\n    ask:', '  summary:\n    optional: true\n    ask:'), /questions\.summary.*optional|optional/],
    ['an unknown question in the order', 'complaint.yaml', (t: string) => t.replace('order: [classification,', 'order: [summary, classification,'), /order/],
    ['options in a flow (they are the definition\'s)', 'status.yaml', (t: string) => t.replace('  reply_confirm:\n', '  reply_confirm:\n    quick_replies: [yes, no]\n'), /quick_replies/],
  ])('fails loudly on %s', (_what, file, change, message) => {
    const dir = flowsWith(file, change);
    expect(() => loadFlows(dir)).toThrow(FlowError);
    expect(() => loadFlows(dir)).toThrow(message);
  });
});

describe('the definitions and the engine import each other', () => {
  // a question uses the engine's moves, which use the list of questions: nothing may be read from
  // the cycle while modules load, whichever is imported first
  it.each(['questions/index.ts', 'questions/menu.ts', 'questions/reporter-known.ts', 'questions/reporter-phone.ts', 'asking.ts', 'flow-schema.ts'])(
    'a process that imports src/engine/%s first still loads the flows and steps',
    (module) => {
      const engine = resolve(DEFAULT_FLOWS_DIR, '../src/engine');
      const script = [
        `await import(${JSON.stringify(join(engine, module))});`,
        `const { loadFlows } = await import(${JSON.stringify(join(engine, 'loader.ts'))});`,
        `const { step } = await import(${JSON.stringify(join(engine, 'step.ts'))});`,
        `const result = step(loadFlows(), null, { kind: 'text', text: 'halo' }, { now: new Date(), profile: {}, channel: 'test' });`,
        'console.log(result.state.pending);',
      ].join('\n');
      const file = join(mkdtempSync(join(tmpdir(), 'engine-import-')), 'first.mts');
      writeFileSync(file, script);
      expect(execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8' }).trim()).toBe('menu');
    },
    20_000,
  );
});

describe('optionNumbered', () => {
  const options = [{ title: 'Ya', payload: 'yes' }, { title: 'Tidak', payload: 'no' }];
  it.each([['1', 'yes'], [' 2 ', 'no'], ['2.', 'no'], ['3', null], ['0', null], ['12a', null], ['dua', null]])('"%s" → %s', (text, payload) => {
    expect(optionNumbered(options, text)?.payload ?? null).toBe(payload);
  });
});

describe('closeOption', () => {
  const privacy = [
    { title: 'Publik', payload: 'public' },
    { title: 'Anonim', payload: 'anonymous' },
    { title: 'Rahasia', payload: 'secret' },
  ];
  const types = [
    { title: 'Pengaduan', payload: 'PENGADUAN' },
    { title: 'Aspirasi', payload: 'ASPIRASI' },
    { title: 'Permintaan informasi', payload: 'PERMINTAAN_INFORMASI' },
  ];
  const summary = [
    { title: 'Kirim laporan', payload: 'confirm' },
    { title: 'Ubah', payload: 'edit' },
    { title: 'Batal', payload: 'cancel' },
  ];

  it.each([
    ['anonm', privacy, 'anonymous'],
    ['ANONIM!', privacy, 'anonymous'],
    ['rahasai', privacy, 'secret'], // two letters swapped: one typo
    ['publick', privacy, 'public'],
    ['pengadun', types, 'PENGADUAN'],
    ['aspirsi', types, 'ASPIRASI'],
    ['permintan informasi', types, 'PERMINTAAN_INFORMASI'],
    ['permntaan infromasi', types, 'PERMINTAAN_INFORMASI'],
    ['kirm', summary, 'confirm'], // "kirim", an everyday word for confirm
    ['kirim laporn', summary, 'confirm'],
    ['batl', summary, 'cancel'],
    ['anonymos', privacy, 'anonymous'], // the English title works in any language
  ])('"%s" → %s', (text, options, payload) => {
    expect(closeOption(flows, text, options)?.payload).toBe(payload);
  });

  it.each([
    ['ubh', summary], // "ubah" has 4 letters: exact only
    ['anxnxm', privacy], // two typos in a 6-letter word
    ['laporan', summary], // one word of a two-word title
    ['jalan rusak parah', types],
    ['2', privacy],
    ['', privacy],
  ])('"%s" is no close match', (text, options) => {
    expect(closeOption(flows, text, options)).toBeNull();
  });

  it('a typo as close to two options picks neither', () => {
    const two = [{ title: 'Kirim', payload: 'a' }, { title: 'Kiriman', payload: 'b' }];
    expect(closeOption(flows, 'kirimn', two)).toBeNull();
    expect(closeOption(flows, 'kirimaan', two)?.payload).toBe('b');
  });
});

describe('editDistance', () => {
  it.each([
    ['kirim', 'kirim', 0], ['kirm', 'kirim', 1], ['kirmi', 'kirim', 1], ['pengadun', 'pengaduan', 1],
    ['anonim', 'anonym', 1], ['', 'abc', 3], ['abc', '', 3], ['kitten', 'sitting', 3], ['é', 'e', 1],
  ])('%s ↔ %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('stops once over the bound, returning bound + 1', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});
