// A chat app's profile name is offered ("Pakai nama ...?" with Ya/Tidak) only when it is a name:
// empty, blank or invisible-only names count as unknown in the question's text, its quick
// replies, what it expects and its re-asks alike.
import { describe, expect, it } from 'vitest';
import { converse, ctxWith, pay, type Line } from './transcript.js';

const STORY = 'Ada pungutan liar saat mengurus KTP di kantor kelurahan, diminta bayar Rp50.000.';
const toPrivacy: Line[] = [
  [pay('PENGADUAN'), { effects: ['report_started'] }],
  [STORY],
  [pay('pungli_korupsi')],
  ['Kantor Kelurahan Cempaka, Kota Bekasi'],
  [pay('today')],
  [pay('skip'), { expects: 'privacy' }],
];

// what Telegram and WhatsApp profiles really hold when someone hides their name
const NOT_A_NAME = {
  empty: '',
  blank: '   ',
  'zero-width spaces': '\u200b\u200b\u200b',
  'Hangul fillers': '\u3164\u3164',
  'Braille blanks and a joiner': '\u2800\u200d\u2800',
  'a filler around one letter': '\u3164A\u3164',
};

describe('a profile name that is not a name is not offered', () => {
  it.each(Object.entries(NOT_A_NAME))('%s: asked to type the name, re-asked without "Balas Ya", no Ya/Tidak', (_kind, displayName) => {
    const run = converse(
      [
        ...toPrivacy,
        [pay('public'), { say: 'Siapa namamu', notSay: ['Pakai nama', '""'], expects: 'reporter_name', type: 'text', quickReplies: [] }],
        // a Ya button from an older message does not pick an empty name, nor offer one
        [pay('yes'), { say: 'Siapa namamu', notSay: ['Balas Ya', 'nama "', '""'], expects: 'reporter_name', type: 'text', quickReplies: [] }],
        ['Siti Aminah', { expects: 'reporter_phone', say: 'Pakai nomor +6281234567890', quickReplies: ['yes', 'no'] }],
        [pay('yes'), { expects: 'confirm', say: 'Siti Aminah' }],
        [pay('confirm'), { effects: ['submit_complaint'] }],
      ],
      { ctx: ctxWith({ channel: 'telegram', profile: { displayName, phone: '+6281234567890' } }) },
    );
    expect(run.report?.reporter).toEqual({ name: 'Siti Aminah', phone: '+6281234567890' });
  });

  it('a real name is offered in the text and the quick replies alike, and its re-ask names it', () => {
    const run = converse(
      [
        ...toPrivacy,
        [pay('public'), { say: 'Pakai nama "Budi Santoso"', expects: 'reporter_name', type: 'choice', quickReplies: ['yes', 'no'] }],
        [pay('PENGADUAN'), { say: 'Balas Ya untuk memakai nama "Budi Santoso"', expects: 'reporter_name', quickReplies: ['yes', 'no'] }],
        [pay('yes'), { expects: 'reporter_phone', quickReplies: [] }],
        ['0812-1111-2222', { expects: 'confirm', say: 'Budi Santoso' }],
        [pay('confirm'), { effects: ['submit_complaint'] }],
      ],
      { ctx: ctxWith({ channel: 'telegram', profile: { displayName: '\u200bBudi   Santoso\u3164' } }) },
    );
    expect(run.report?.reporter).toEqual({ name: 'Budi Santoso', phone: '+6281211112222' });
  });

  it('a stale button at the typed-name question re-asks the question, not a yes/no that is not there', () => {
    converse(
      [
        ...toPrivacy,
        [pay('public'), { quickReplies: ['yes', 'no'] }],
        [pay('no'), { say: 'Siapa namamu', quickReplies: [] }],
        // the citizen scrolls up and taps Ya on the earlier question
        [pay('yes'), { say: 'Siapa namamu', notSay: ['Balas Ya', '""'], expects: 'reporter_name', quickReplies: [] }],
      ],
      { ctx: ctxWith({ profile: { displayName: 'Siti' } }) },
    );
  });

  it('a typed name made only of invisible letters is not taken', () => {
    converse([
      ...toPrivacy,
      [pay('public'), { expects: 'reporter_name' }],
      ['\u3164\u3164\u3164', { say: 'dengan huruf', expects: 'reporter_name' }],
      ['Rina', { expects: 'reporter_phone' }],
    ]);
  });
});
