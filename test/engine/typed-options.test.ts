// Channels without buttons (WhatsApp Web, numbered text on WhatsApp Cloud) show every option list
// as "1. …" lines: a typed number picks that option on every question that offers options, except
// where a number is the answer itself; a typo of an option's words still picks it.
import { describe, expect, it } from 'vitest';
import type { EngineInput } from '../../src/engine/types.js';
import { converse, ctxWith, pay, YESTERDAY, type Line } from './transcript.js';

const STORY = 'Jalan di depan SD Negeri 3 berlubang besar, sudah dua motor jatuh minggu ini.';
const toDescription: Line[] = [[pay('PENGADUAN'), { effects: ['report_started'] }]];
const toLocation: Line[] = [...toDescription, [STORY], [pay('infrastruktur'), { expects: 'location' }]];
const toDate: Line[] = [...toLocation, ['Jl. Merdeka depan SD Negeri 3, Kota Bandung', { expects: 'date_of_incident' }]];
const toAttachments: Line[] = [...toDate, [pay('yesterday'), { expects: 'attachments' }]];
const toPrivacy: Line[] = [...toAttachments, [pay('skip'), { expects: 'privacy' }]];
const toSummary: Line[] = [...toPrivacy, [pay('anonymous'), { expects: 'confirm', quickReplies: ['confirm', 'edit', 'cancel'] }]];
const agency: EngineInput = { kind: 'agency_response', complaintId: 'c_123', trackingId: '4829301' };

describe('a typed number picks the nth quick reply', () => {
  it('yes/no on the name the chat app gave: "1" is Ya', () => {
    const run = converse(
      [
        ...toPrivacy,
        [pay('public'), { say: 'Pakai nama "Budi"', quickReplies: ['yes', 'no'] }],
        ['1', { expects: 'reporter_phone' }],
        ['0812-1111-2222', { expects: 'confirm' }],
        [pay('confirm'), { effects: ['submit_complaint'] }],
      ],
      { ctx: ctxWith({ profile: { displayName: 'Budi' } }) },
    );
    expect(run.report?.reporter).toEqual({ name: 'Budi', phone: '+6281211112222' });
  });

  it('"2" is Tidak: the name is asked to be typed', () => {
    converse(
      [...toPrivacy, [pay('public'), { quickReplies: ['yes', 'no'] }], ['2', { say: 'Siapa namamu', expects: 'reporter_name', quickReplies: [] }]],
      { ctx: ctxWith({ profile: { displayName: 'Budi' } }) },
    );
  });

  it('the attachments question: "1" is Lewati', () => {
    converse([...toAttachments, ['1', { expects: 'privacy' }]]);
  });

  it('the location question: "1" is Kirim lokasi', () => {
    converse([...toLocation, ['1', { say: 'tombol lampiran', expects: 'location' }]]);
  });

  it('the summary: "1" sends the report', () => {
    converse([...toSummary, ['1', { effects: ['submit_complaint'] }]]);
  });

  it('"send this as your answer?": "1" sends it, "2" does not', () => {
    const text = 'Jalannya masih rusak pak';
    converse([[agency], [text, { say: 'sebagai tanggapan', quickReplies: ['yes', 'no'] }], ['1', { effects: ['citizen_reply'] }]]);
    converse([[agency], [text, { quickReplies: ['yes', 'no'] }], ['2', { say: 'tidak saya kirim', effects: [] }]]);
  });

  it('help and cancel, once offered after unusable answers, are numbered after the options', () => {
    const threeShort: Line[] = [...toDescription, ['rusak'], ['rusak parah'], ['jalan rusak', { quickReplies: ['help', 'cancel'] }]];
    converse([...threeShort, ['1', { say: ['Panduan singkat', 'Ceritakan masalahnya'], expects: 'description' }]]);
    const run = converse([...threeShort, ['2', { say: 'dibatalkan' }]]);
    expect(run.state?.draft).toBeNull();
  });

  it('out of range is no option: re-asked', () => {
    converse([...toSummary, ['4', { say: 'Pilih Kirim laporan', expects: 'confirm' }]]);
  });
});

describe('where a number is the answer, it keeps its meaning', () => {
  it('the date: "1" is not "Hari ini" and "2" is not "Kemarin"', () => {
    const run = converse([
      ...toDate,
      ['1', { say: 'belum menangkap tanggalnya', expects: 'date_of_incident' }],
      ['2', { say: 'belum menangkap tanggalnya', expects: 'date_of_incident' }],
      ['kemarin', { expects: 'attachments' }],
    ]);
    expect(run.state?.draft?.dateOfIncident).toBe(YESTERDAY);
  });

  it('the phone on offer: a typed number is the phone; "1", which cannot be one, is Ya', () => {
    const ctx = ctxWith({ profile: { phone: '+6281234567890' } });
    const toPhone: Line[] = [...toPrivacy, [pay('public')], ['Rina Wati', { say: 'Pakai nomor +6281234567890', quickReplies: ['yes', 'no'] }]];
    const typed = converse([...toPhone, ['0857-2222-3333', { expects: 'confirm' }], [pay('confirm'), { effects: ['submit_complaint'] }]], { ctx });
    expect(typed.report?.reporter?.phone).toBe('+6285722223333');
    const one = converse([...toPhone, ['1', { expects: 'confirm' }], [pay('confirm'), { effects: ['submit_complaint'] }]], { ctx });
    expect(one.report?.reporter?.phone).toBe('+6281234567890');
    converse([...toPhone, ['2', { say: 'Nomor HP yang bisa dihubungi', expects: 'reporter_phone', quickReplies: [] }]], { ctx });
  });

  it('the tracking number: seven digits are looked up; "2", which cannot be one, is Batal', () => {
    converse([['status', { say: '7 angka', quickReplies: ['report', 'cancel'] }], ['4829301', { effects: ['status_lookup'] }]]);
    const run = converse([['status'], ['2', { say: 'dibatalkan' }]]);
    expect(run.state?.pending).toBeNull();
    converse([['status'], ['1', { say: 'jenis apa', expects: 'classification', effects: ['report_started'] }]]);
  });
});

describe('a close match of an option picks it', () => {
  it('"pengadun" at the welcome menu is Pengaduan', () => {
    converse([['halo', { expects: 'classification' }], ['pengadun', { say: 'Ceritakan masalahnya', expects: 'description', effects: ['report_started'] }]]);
  });

  it('"anonm" at the privacy question is Anonim', () => {
    const run = converse([...toPrivacy, ['anonm', { expects: 'confirm' }]]);
    expect(run.state?.draft?.privacy).toBe('anonymous');
  });

  it('"kirm" at the summary sends the report', () => {
    converse([...toSummary, ['kirm', { effects: ['submit_complaint'] }]]);
  });

  it('"kemrin" at the date question is Kemarin; "lewatii" at the attachments question is Lewati', () => {
    const run = converse([...toDate, ['kemrin', { expects: 'attachments' }], ['lewatii', { expects: 'privacy' }]]);
    expect(run.state?.draft?.dateOfIncident).toBe(YESTERDAY);
  });

  it('an English title with a typo in an English conversation too', () => {
    const run = converse([['english', { say: 'in English' }], [pay('PENGADUAN'), { effects: ['report_started'] }], [STORY], [pay('infrastruktur')], ['Jl. Merdeka, Bandung'], ['yesterdy', { expects: 'attachments' }]]);
    expect(run.state?.draft?.dateOfIncident).toBe(YESTERDAY);
  });

  it('a usable answer is never read as a typo: "Batam" is a place, not Batal', () => {
    const run = converse([
      ...toLocation,
      ['RT', { expects: 'location' }],
      ['RW', { expects: 'location' }],
      ['no', { expects: 'location', offers: ['help', 'cancel'] }],
      ['Batam', { expects: 'date_of_incident' }],
    ]);
    expect(run.state?.draft?.location).toMatchObject({ name: 'Batam' });
  });

  it('words under 5 letters must be exact: "skp" is not Skip', () => {
    converse([...toAttachments, ['skp', { say: 'pilih Lewati', expects: 'attachments' }], ['skip', { expects: 'privacy' }]]);
  });
});

describe('the language chooser', () => {
  it('"2" right after it is its 2nd language, not an option of the pending question', () => {
    converse([
      ...toSummary,
      ['bahasa', { quickReplies: ['lang:id', 'lang:en'] }],
      ['2', { say: ["let's continue in English", 'Send this report to LAPOR!?'], expects: 'confirm', effects: [] }],
      ['1', { effects: ['submit_complaint'] }],
    ]);
  });
});
