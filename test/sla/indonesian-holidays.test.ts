// Indonesia's days off as the hub reads them: 2026 exactly as the ministers' joint decree
// (SKB No. 1497/2/5 of 2025, listed here by hand from the decree), other years from the
// date-holidays package, and the operator's HOLIDAYS_FILE on top.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HolidayFileError, indonesianCalendar, readHolidayFile } from '../../src/hub/sla/indonesian-holidays.js';

// the decree's 17 national holidays and 8 days of collective leave in 2026
const SKB_2026_HOLIDAYS = ['01-01', '01-16', '02-17', '03-19', '03-21', '03-22', '04-03', '04-05', '05-01', '05-14', '05-27', '05-31',
  '06-01', '06-16', '08-17', '08-25', '12-25'].map((d) => `2026-${d}`);
const SKB_2026_LEAVE = ['02-16', '03-18', '03-20', '03-23', '03-24', '05-15', '05-28', '12-24'].map((d) => `2026-${d}`);

function daysOff(calendar: ReturnType<typeof indonesianCalendar>, year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (calendar.holiday(day)) out.push(day);
  }
  return out;
}

const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'holidays-')), name);
  writeFileSync(path, text);
  return path;
};

describe('the built-in calendar', () => {
  const calendar = indonesianCalendar();

  it('has 2026 exactly as the SKB: 17 national holidays and 8 days of cuti bersama', () => {
    expect(daysOff(calendar, 2026)).toEqual([...SKB_2026_HOLIDAYS, ...SKB_2026_LEAVE].sort());
    expect(calendar.holiday('2026-01-16')).toMatch(/Isra Mikraj/);
    expect(calendar.holiday('2026-03-23')).toMatch(/Cuti bersama Idulfitri/);
    // the package alone would put Idulfitri on 20–21 March; the decree has 21–22 (20 is leave)
    expect(calendar.holiday('2026-03-22')).toMatch(/Idulfitri/);
  });

  it('skips the Idulfitri week of 2026: filed Tue 17 March, verification due by the end of Fri 27', () => {
    // 18 leave, 19 Nyepi, 20 leave, 21–22 weekend, 23–24 leave: 25, 26, 27
    expect(calendar.addWorkingDays(new Date('2026-03-17T10:00:00+07:00'), 3)).toEqual(new Date('2026-03-28T00:00:00+07:00'));
  });

  it('takes other years from the package, with 27 Rajab named Isra Mikraj', () => {
    const off = daysOff(calendar, 2027);
    for (const day of ['2027-01-01', '2027-05-01', '2027-06-01', '2027-08-17', '2027-12-25']) expect(off).toContain(day);
    expect(off.length).toBeGreaterThanOrEqual(14);
    // date-holidays (pinned 3.37.0) has 27 Rajab 1448 on Tue 5 Jan 2027, named "Maulid" by mistake
    expect(calendar.holiday('2027-01-05')).toMatch(/Isra Mikraj/);
    // the year's end: Wed 30 Dec 2026 + 3 working days: 31 Dec, (1 Jan, the weekend) 4 Jan, (5 Jan) 6 Jan
    expect(calendar.addWorkingDays(new Date('2026-12-30T10:00:00+07:00'), 3)).toEqual(new Date('2027-01-07T00:00:00+07:00'));
  });
});

describe('HOLIDAYS_FILE', () => {
  it('adds a next year\'s decree (replacing the package for that year), a single day, and a working day after all', () => {
    const path = file('holidays.yaml', [
      'decrees:',
      '  - year: 2027',
      '    source: SKB 2027 (test)',
      '    days:',
      '      - { date: 2027-01-01, type: libur_nasional, name: Tahun Baru 2027 }',
      '      - { date: 2027-02-05, type: cuti_bersama, name: Cuti bersama Imlek }',
      'days:',
      '  - { date: 2026-11-16, type: libur_nasional, name: Hari jadi kota (daerah) }',
      '  - { date: 2026-12-24, type: hari_kerja, name: Pelayanan tetap buka }',
    ].join('\n'));
    const calendar = indonesianCalendar(path);
    expect(daysOff(calendar, 2027)).toEqual(['2027-01-01', '2027-02-05']);
    expect(calendar.holiday('2026-11-16')).toBe('Hari jadi kota (daerah)');
    expect(calendar.isWorkingDay('2026-12-24')).toBe(true);
    expect(calendar.isWorkingDay('2026-12-25')).toBe(false);
  });

  it('may be JSON', () => {
    const path = file('holidays.json', JSON.stringify({ days: [{ date: '2026-12-28', type: 'cuti_bersama', name: 'Tambahan' }] }));
    expect(indonesianCalendar(path).isWorkingDay('2026-12-28')).toBe(false);
  });

  it('is refused with the file and the first problem named', () => {
    expect(() => readHolidayFile('/nonexistent/holidays.yaml')).toThrow(new HolidayFileError('/nonexistent/holidays.yaml: no such file'));
    const badDate = file('bad.yaml', 'days:\n  - { date: 2026-02-30, type: cuti_bersama, name: X }\n');
    expect(() => readHolidayFile(badDate)).toThrow(/bad\.yaml: days\.0\.date is not a calendar date/);
    const badType = file('type.yaml', 'days:\n  - { date: 2026-02-03, type: libur, name: X }\n');
    expect(() => readHolidayFile(badType)).toThrow(/days\.0\.type must be libur_nasional, cuti_bersama or hari_kerja/);
    const wrongYear = file('year.yaml', 'decrees:\n  - { year: 2027, days: [{ date: 2026-02-03, type: cuti_bersama, name: X }] }\n');
    expect(() => readHolidayFile(wrongYear)).toThrow(/every day of a decree must be in its year/);
    const notYaml = file('broken.yaml', 'days: [\n');
    expect(() => readHolidayFile(notYaml)).toThrow(HolidayFileError);
  });
});
