import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/core/taxonomy.js';
import { attachment, converse, ctxWith, pay, photo, YESTERDAY } from './transcript.js';

const STORY = 'Jalan di depan Pasar Cibeureum rusak parah. Banyak lubang besar dan sudah ada motor jatuh.';

describe('a complaint step by step, in Indonesian', () => {
  it('asks every field in order and files exactly what was answered', () => {
    const run = converse([
      ['halo', { say: 'asisten LAPOR!', expects: 'classification', type: 'choice', quickReplies: ['PENGADUAN', 'ASPIRASI', 'PERMINTAAN_INFORMASI', 'status'] }],
      [pay('PENGADUAN'), { say: 'Ceritakan masalahnya', expects: 'description', type: 'text', effects: ['report_started'] }],
      [STORY, { say: 'kategori', expects: 'category', type: 'choice', quickReplies: [...CATEGORIES] }],
      [pay('infrastruktur'), { say: 'Di mana lokasinya', expects: 'location', type: 'location', quickReplies: ['share_location'] }],
      ['Jl. Cibeureum depan pasar, Kota Bandung', { say: 'Kapan kejadiannya', expects: 'date_of_incident', type: 'date', quickReplies: ['today', 'yesterday'] }],
      [pay('yesterday'), { say: 'foto atau dokumen', expects: 'attachments', type: 'media', quickReplies: ['skip'] }],
      [photo(1), { say: 'Sudah ada 1 lampiran', expects: 'attachments', quickReplies: ['done', 'clear'] }],
      [pay('done'), { say: ['Publik', 'Anonim', 'Rahasia'], expects: 'privacy', quickReplies: ['public', 'anonymous', 'secret'] }],
      [pay('public'), { say: 'Siapa namamu', expects: 'reporter_name', type: 'text' }],
      ['Siti Aminah', { say: 'Nomor HP', expects: 'reporter_phone', type: 'phone' }],
      ['0812-3456-7890', {
        say: ['ringkasan', 'Pengaduan', 'Jalan di depan Pasar Cibeureum rusak parah', 'Infrastruktur', 'Jl. Cibeureum depan pasar, Kota Bandung', '27 November 2026', '1 file', 'Publik', 'Siti Aminah', '+6281234567890'],
        notSay: 'tangkap dari pesanmu',
        expects: 'confirm', type: 'confirm', quickReplies: ['confirm', 'edit', 'cancel'],
      }],
      [pay('confirm'), { say: 'sudah kami terima', expects: null, effects: ['submit_complaint'], replies: 1 }],
    ]);
    expect(run.report).toEqual({
      classification: 'PENGADUAN',
      title: 'Jalan di depan Pasar Cibeureum rusak parah',
      content: STORY,
      category: 'infrastruktur',
      dateOfIncident: YESTERDAY,
      location: { name: 'Jl. Cibeureum depan pasar, Kota Bandung', address: 'Jl. Cibeureum depan pasar, Kota Bandung' },
      isAnonymous: false,
      isSecret: false,
      reporter: { name: 'Siti Aminah', phone: '+6281234567890' },
      attachments: [attachment(1)],
      language: 'id',
    });
    expect(run.state).toMatchObject({ pending: null, draft: null });
    expect(run.effects.filter((e) => e.type === 'report_started')).toHaveLength(1);
  });

  it('takes typed titles, numbers and everyday words for the quick replies', () => {
    const run = converse([
      ['/lapor', { expects: 'classification', quickReplies: ['PENGADUAN', 'ASPIRASI', 'PERMINTAAN_INFORMASI'], effects: ['report_started'] }],
      ['pengaduan', { expects: 'description' }],
      [STORY, { expects: 'category' }],
      ['13', { expects: 'location' }],
      ['Kelurahan Sukajadi, Kota Bandung', { expects: 'date_of_incident' }],
      ['hari ini', { expects: 'attachments' }],
      ['tidak ada', { expects: 'privacy' }],
      ['rahasia', { expects: 'reporter_name' }],
      ['Budi', { expects: 'reporter_phone' }],
      ['nomor saya +62 857-1111-2222 ya', { expects: 'confirm' }],
      ['ok', { effects: ['submit_complaint'] }],
    ]);
    expect(run.report).toMatchObject({
      category: 'lainnya',
      dateOfIncident: '2026-11-28',
      isAnonymous: false,
      isSecret: true,
      reporter: { name: 'Budi', phone: '+6285711112222' },
      attachments: [],
    });
  });
});

describe('a report in English', () => {
  it('runs the whole flow in English when the conversation is English', () => {
    const run = converse(
      [
        ['/start', { say: "I'm the LAPOR! assistant", expects: 'classification' }],
        ['2', { say: 'Tell me what happened', expects: 'description', effects: ['report_started'] }],
        ['Please add more street lights along Jalan Pajajaran, it is very dark at night.', { say: 'Which category', expects: 'category' }],
        ['Transport', { say: 'Where is it', expects: 'location' }],
        ['Jalan Pajajaran, Kota Bogor', { say: 'When did it happen', expects: 'date_of_incident' }],
        ['3 days ago', { say: 'evidence', expects: 'attachments' }],
        ['skip', { say: 'How should your report be sent', expects: 'privacy' }],
        ['Anonymous', { say: ['Please check your report', 'Aspiration', 'Transport', '25 November 2026', 'Anonymous'], notSay: ['Name:', 'Phone number:'], expects: 'confirm' }],
        ['yes', { say: "We've received your report", effects: ['submit_complaint'] }],
      ],
      { ctx: ctxWith({ language: 'en' }) },
    );
    expect(run.report).toEqual({
      classification: 'ASPIRASI',
      title: 'Please add more street lights along Jalan Pajajaran, it is very dark at night',
      content: 'Please add more street lights along Jalan Pajajaran, it is very dark at night.',
      category: 'transportasi',
      dateOfIncident: '2026-11-25',
      location: { name: 'Jalan Pajajaran, Kota Bogor', address: 'Jalan Pajajaran, Kota Bogor' },
      isAnonymous: true,
      isSecret: false,
      reporter: null,
      attachments: [],
      language: 'en',
    });
  });
});
