// The questions a report took (public completeness figures): every question and re-ask the bot
// put from the start of the report to the confirmation, counted here from the transcript itself.
import { describe, expect, it } from 'vitest';
import { converse, pay, type Line } from './transcript.js';

const STORY = 'Puskesmas Sukamaju sering tutup sebelum jam layanan berakhir, warga tidak bisa berobat.';
const report: Line[] = [
  [pay('PENGADUAN'), { effects: ['report_started'], expects: 'description' }],
  ['jalan rusak', { expects: 'description' }], // too short: re-asked
  [STORY, { expects: 'category' }],
  [pay('kesehatan'), { expects: 'location' }],
  ['Puskesmas Sukamaju, Kabupaten Bogor', { expects: 'date_of_incident' }],
  ['besok', { expects: 'date_of_incident' }], // in the future: re-asked
  ['kemarin', { expects: 'attachments' }],
  [pay('skip')],
  [pay('anonymous'), { expects: 'confirm' }],
];

const submitted = (run: ReturnType<typeof converse>) => {
  const effect = run.effects.find((e) => e.type === 'submit_complaint');
  if (effect?.type !== 'submit_complaint') throw new Error('no report submitted');
  return effect.questions;
};

describe('questions a report took', () => {
  it('counts each question and each re-ask up to the confirmation', () => {
    const run = converse([...report, [pay('confirm'), { effects: ['submit_complaint'] }]]);
    // description ×2, category, location, date ×2, attachments, privacy, summary: 9 bot messages asked something
    expect(run.questions).toBe(9);
    expect(submitted(run)).toBe(run.questions);
  });

  it('counts only the report confirmed: a cancelled one before it does not add to it', () => {
    const run = converse([
      [pay('PENGADUAN'), { effects: ['report_started'] }],
      ['jalan rusak'],
      ['batal'],
      ...report,
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(submitted(run)).toBe(9);
  });
});
