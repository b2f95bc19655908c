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

describe('privacy', () => {
  it('anonymous: no name or phone asked, reporter null, even when the chat app knows them', () => {
    const run = converse(
      [
        ...toPrivacy,
        [pay('anonymous'), { expects: 'confirm', notSay: ['Nama:', 'Nomor HP:', 'Siti', '0812'] }],
        [pay('confirm'), { effects: ['submit_complaint'] }],
      ],
      { ctx: ctxWith({ profile: { displayName: 'Siti', phone: '+6281234567890' } }) },
    );
    expect(run.report).toMatchObject({ isAnonymous: true, isSecret: false, reporter: null, dateOfIncident: '2026-11-28' });
  });

  it('secret: name and phone are asked and sent, flagged secret', () => {
    const run = converse([
      ...toPrivacy,
      [pay('secret'), { expects: 'reporter_name' }],
      ['Andi Wijaya', { expects: 'reporter_phone' }],
      ['+62 813 1234 5678', { expects: 'confirm', say: ['Rahasia', 'Andi Wijaya'] }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report).toMatchObject({ isAnonymous: false, isSecret: true, reporter: { name: 'Andi Wijaya', phone: '+6281312345678' } });
  });
});

describe('name and phone from the chat app are confirmed, not asked', () => {
  it('both known: one yes/no question', () => {
    const run = converse(
      [
        ...toPrivacy,
        [pay('public'), { say: ['"Siti Aminah"', '+6281234567890'], expects: 'reporter_name', quickReplies: ['yes', 'no'] }],
        ['iya', { expects: 'confirm', say: 'Siti Aminah' }],
        [pay('confirm'), { effects: ['submit_complaint'] }],
      ],
      { ctx: ctxWith({ channel: 'whatsapp-web', profile: { displayName: 'Siti Aminah', phone: '+6281234567890' } }) },
    );
    expect(run.report?.reporter).toEqual({ name: 'Siti Aminah', phone: '+6281234567890' });
  });

  it('both known, "no": the name is typed, then the phone is offered on its own', () => {
    const run = converse(
      [
        ...toPrivacy,
        [pay('public'), { quickReplies: ['yes', 'no'] }],
        ['gak', { say: 'Siapa namamu', expects: 'reporter_name', quickReplies: [] }],
        ['Siti Rahmawati', { say: 'Pakai nomor +6281234567890', expects: 'reporter_phone', quickReplies: ['yes', 'no'] }],
        [pay('yes'), { expects: 'confirm' }],
        [pay('confirm'), { effects: ['submit_complaint'] }],
      ],
      { ctx: ctxWith({ profile: { displayName: 'Siti', phone: '+6281234567890' } }) },
    );
    expect(run.report?.reporter).toEqual({ name: 'Siti Rahmawati', phone: '+6281234567890' });
  });

  it('only the name known (Telegram): confirm the name, type the phone', () => {
    const run = converse(
      [
        ...toPrivacy,
        [pay('public'), { say: 'Pakai nama "Budi"', expects: 'reporter_name', quickReplies: ['yes', 'no'] }],
        ['ya', { say: 'Nomor HP', expects: 'reporter_phone', quickReplies: [] }],
        ['0812-1111-2222', { expects: 'confirm' }],
        [pay('confirm'), { effects: ['submit_complaint'] }],
      ],
      { ctx: ctxWith({ channel: 'telegram', profile: { displayName: 'Budi' } }) },
    );
    expect(run.report?.reporter).toEqual({ name: 'Budi', phone: '+6281211112222' });
  });

  it('the name can be typed instead of answering yes/no; the phone can be declined', () => {
    const run = converse(
      [
        ...toPrivacy,
        [pay('secret')],
        ['Budi Santoso', { expects: 'reporter_phone', quickReplies: ['yes', 'no'] }],
        ['tidak', { say: 'Nomor HP yang bisa dihubungi', quickReplies: [] }],
        ['0857-2222-3333', { expects: 'confirm' }],
        [pay('confirm'), { effects: ['submit_complaint'] }],
      ],
      { ctx: ctxWith({ profile: { displayName: 'budi_s', phone: '6281234567890' } }) },
    );
    expect(run.report?.reporter).toEqual({ name: 'Budi Santoso', phone: '+6285722223333' });
  });

  it('changing the name from the summary asks to type it (not the profile name again)', () => {
    const run = converse(
      [
        ...toPrivacy,
        [pay('public')],
        [pay('yes'), { expects: 'confirm' }],
        [pay('edit')],
        [pay('reporter_name'), { say: 'Siapa namamu', quickReplies: [] }],
        ['Siti A.', { expects: 'confirm' }],
        [pay('confirm'), { effects: ['submit_complaint'] }],
      ],
      { ctx: ctxWith({ profile: { displayName: 'Siti', phone: '+6281234567890' } }) },
    );
    expect(run.report?.reporter).toEqual({ name: 'Siti A.', phone: '+6281234567890' });
  });
});

describe('expects says what kind of answer each question takes (webchat-api.md)', () => {
  it('confirming the known name and phone is a yes/no choice, not a text', () => {
    converse(
      [...toPrivacy, [pay('public'), { expects: 'reporter_name', type: 'choice', quickReplies: ['yes', 'no'] }], ['tidak', { expects: 'reporter_name', type: 'text', quickReplies: [] }]],
      { ctx: ctxWith({ profile: { displayName: 'Siti', phone: '+6281234567890' } }) },
    );
  });

  it('a known name alone is a choice; the phone typed is a phone, a known phone a choice', () => {
    converse(
      [...toPrivacy, [pay('public'), { expects: 'reporter_name', type: 'choice' }], ['ya', { expects: 'reporter_phone', type: 'phone' }]],
      { ctx: ctxWith({ profile: { displayName: 'Budi' } }) },
    );
    converse(
      [...toPrivacy, [pay('public'), { expects: 'reporter_name', type: 'text' }], ['Budi', { expects: 'reporter_phone', type: 'choice', quickReplies: ['yes', 'no'] }]],
      { ctx: ctxWith({ profile: { phone: '+6281234567890' } }) },
    );
  });

  it('every question offering only yes/no expects a choice', () => {
    const run = converse(
      [...toPrivacy, [pay('public')], ['no'], ['Siti Rahmawati'], [pay('yes')], [pay('confirm'), { effects: ['submit_complaint'] }]],
      { ctx: ctxWith({ profile: { displayName: 'Siti', phone: '+6281234567890' } }) },
    );
    const yesNo = run.steps.flatMap((s) => s.replies).filter((r) => r.expects && r.quickReplies?.map((q) => q.payload).join() === 'yes,no');
    expect(yesNo.length).toBeGreaterThanOrEqual(2);
    for (const r of yesNo) expect(r.expects?.type, r.text).toBe('choice');
  });
});

describe('information requests', () => {
  it('may skip the date of incident (and only they may)', () => {
    const run = converse([
      [pay('PERMINTAAN_INFORMASI'), { effects: ['report_started'] }],
      ['Saya ingin tahu jadwal dan syarat pendaftaran beasiswa daerah tahun depan.', { expects: 'category' }],
      [pay('pendidikan')],
      ['Kabupaten Sleman', { expects: 'date_of_incident', say: 'Lewati', quickReplies: ['today', 'yesterday', 'skip'] }],
      ['lewati', { expects: 'attachments' }],
      [pay('skip'), { expects: 'privacy' }],
      [pay('anonymous'), { say: 'Tanggal kejadian: tidak ada', expects: 'confirm' }],
      [pay('confirm'), { effects: ['submit_complaint'] }],
    ]);
    expect(run.report).toMatchObject({
      classification: 'PERMINTAAN_INFORMASI',
      dateOfIncident: null,
      category: 'pendidikan',
      location: { name: 'Kabupaten Sleman', address: 'Kabupaten Sleman' },
    });
  });

  it('a complaint gets no skip option for the date', () => {
    converse([...toPrivacy.slice(0, 4), ['Bekasi', { expects: 'date_of_incident', quickReplies: ['today', 'yesterday'] }], ['lewati', { say: 'belum menangkap tanggalnya', expects: 'date_of_incident' }]]);
  });
});
