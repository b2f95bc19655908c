import { describe, expect, it } from 'vitest';
import { findDates, jakartaDateString, parseDate, parseDateDetailed } from '../../src/core/dates.js';

// Saturday 28 November 2026, 14:00 in Jakarta
const NOW = new Date('2026-11-28T07:00:00Z');
const value = (text: string, now = NOW) => parseDate(text, now)?.value ?? null;

describe('parseDate', () => {
  it.each([
    ['2026-11-20', '2026-11-20'],
    ['20/11/2026', '2026-11-20'],
    ['20-11-2026', '2026-11-20'],
    ['5/1/2025', '2025-01-05'],
    ['hari ini', '2026-11-28'],
    ['Today', '2026-11-28'],
    ['tadi pagi', '2026-11-28'],
    ['td pagi', '2026-11-28'],
    ['kemarin', '2026-11-27'],
    ['kmrn', '2026-11-27'],
    ['kmarin sore', '2026-11-27'],
    ['yesterday', '2026-11-27'],
    ['kemarin lusa', '2026-11-26'],
    ['2 hari lalu', '2026-11-26'],
    ['3 hari lalu', '2026-11-25'],
    ['3 hari yang lalu', '2026-11-25'],
    ['tiga hari yg lalu', '2026-11-25'],
    ['3 days ago', '2026-11-25'],
    ['seminggu lalu', '2026-11-21'],
    ['1 minggu lalu', '2026-11-21'],
    ['a week ago', '2026-11-21'],
    ['2 minggu yang lalu', '2026-11-14'],
    ['sebulan lalu', '2026-10-28'],
    ['12 November', '2026-11-12'],
    ['12 Nov 2025', '2025-11-12'],
    ['12 nov. 2025', '2025-11-12'],
    ['November 12', '2026-11-12'],
    ['Nov 12th, 2025', '2025-11-12'],
    ['tgl 3 agt', '2026-08-03'],
    ['3 ags', '2026-08-03'],
    ['17 agustus', '2026-08-17'],
    ['1 mei', '2026-05-01'],
    ['25 des', '2025-12-25'], // no year: the most recent one not after today
    ['30 november', '2025-11-30'],
    ['1 Januari', '2026-01-01'],
    ['senin', '2026-11-23'],
    ['hari senin kemarin', '2026-11-23'],
    ['monday', '2026-11-23'],
    ['last friday', '2026-11-27'],
    ["jum'at", '2026-11-27'],
    ['sabtu', '2026-11-28'], // today is Saturday
    ['sabtu lalu', '2026-11-21'],
    ['hari minggu', '2026-11-22'],
    ['minggu', '2026-11-22'],
    ['kira-kira 3 hari lalu sore', '2026-11-25'],
  ])('%s → %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('keeps the words as written', () => {
    expect(parseDate('Kemarin sore', NOW)).toEqual({ text: 'Kemarin', value: '2026-11-27' });
  });

  it('returns null for no date, and says why', () => {
    expect(parseDate('jalan rusak', NOW)).toBeNull();
    expect(parseDateDetailed('tidak tahu', NOW)).toEqual({ ok: false, reason: 'none' });
    expect(parseDate('4829301', NOW)).toBeNull();
  });

  it('refuses future dates with reason future', () => {
    expect(parseDate('besok', NOW)).toBeNull();
    expect(parseDateDetailed('besok', NOW)).toMatchObject({ ok: false, reason: 'future', value: '2026-11-29' });
    expect(parseDateDetailed('2026-12-01', NOW)).toMatchObject({ ok: false, reason: 'future' });
    expect(parseDateDetailed('1 Desember 2026', NOW)).toMatchObject({ ok: false, reason: 'future' });
  });

  it('refuses days that do not exist', () => {
    expect(parseDateDetailed('31/02/2026', NOW)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(parseDateDetailed('2026-13-01', NOW)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('29 February without a year is the last leap day', () => {
    expect(value('29 feb')).toBe('2024-02-29');
  });

  it('uses the Jakarta calendar date of now', () => {
    const lateUtc = new Date('2026-11-27T18:30:00Z'); // 01:30 on 28 Nov in Jakarta
    expect(jakartaDateString(lateUtc)).toBe('2026-11-28');
    expect(value('hari ini', lateUtc)).toBe('2026-11-28');
    expect(value('2026-11-28', lateUtc)).toBe('2026-11-28');
    const earlyUtc = new Date('2026-11-28T16:59:00Z'); // 23:59 on 28 Nov
    expect(value('kemarin', earlyUtc)).toBe('2026-11-27');
    expect(value('kemarin', new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-28');
  });
});

describe('findDates', () => {
  it('finds dates inside free text', () => {
    expect(findDates('jalan rusak sejak kemarin di depan pasar', NOW)).toEqual([{ text: 'kemarin', value: '2026-11-27' }]);
    expect(findDates('Lampu mati 3 hari yang lalu, dilaporkan tgl 20/11/2026', NOW)).toEqual([
      { text: '3 hari yang lalu', value: '2026-11-25' },
      { text: '20/11/2026', value: '2026-11-20' },
    ]);
  });

  it('does not take phone numbers, RT/RW or plain numbers for dates', () => {
    expect(findDates('hubungi 0812-3456-7890, RT 03/05, nomor 4829301', NOW)).toEqual([]);
    expect(findDates('sudah 2 minggu jalan berlubang', NOW)).toEqual([]);
  });

  it('skips future dates', () => {
    expect(findDates('akan diperbaiki besok katanya, rusak sejak senin', NOW)).toEqual([{ text: 'senin', value: '2026-11-23' }]);
  });
});
