import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAPOR_STATUSES } from '../../src/core/taxonomy.js';
import { NOTIFICATION_KEYS } from '../../src/engine/flow-schema.js';
import { DEFAULT_FLOWS_DIR, FlowError, loadFlows } from '../../src/engine/loader.js';
import { renderNotification, statusLabel } from '../../src/engine/notifications.js';

const flows = loadFlows();

/** A copy of flows/ with one file changed. */
function flowsWith(file: string, change: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'flows-'));
  cpSync(DEFAULT_FLOWS_DIR, dir, { recursive: true });
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('loadFlows', () => {
  it('loads and validates the project flows, once per directory', () => {
    expect(loadFlows()).toBe(flows);
    expect(loadFlows('flows')).toEqual(flows);
    expect(Object.keys(flows.common.choices.category)).toHaveLength(13);
    expect(flows.complaint.limits.description_min).toBe(30);
  });

  it.each([
    ['a text without English', 'complaint.yaml', (t: string) => t.replace(/\n {6}en: "Which category fits best\?"/, ''), /questions\.category\.ask\.en/],
    ['a missing category', 'common.yaml', (t: string) => t.replace(/\n {4}lainnya: .*/, ''), /missing keys: lainnya/],
    ['a misspelt key', 'complaint.yaml', (t: string) => t.replace('    skip_in_fast_path: true', '    skip_in_fastpath: true'), /skip_in_fastpath/],
    ['a missing notification', 'notifications.yaml', (t: string) => t.replace('  status_not_found:', '  status_unknown:'), /missing notifications: status_not_found/],
    ['broken YAML', 'status.yaml', (t: string) => `${t}\n  - : [`, /not valid YAML/],
    ['an unknown flow id', 'status.yaml', (t: string) => t.replace('id: status', 'id: stat'), /"id" must be one of/],
  ])('fails loudly on %s, naming the file', (_what, file, change, message) => {
    const dir = flowsWith(file, change);
    expect(() => loadFlows(dir)).toThrow(FlowError);
    expect(() => loadFlows(dir)).toThrow(message);
    expect(() => loadFlows(dir)).toThrow(file);
  });
});

describe('notifications', () => {
  const vars = {
    trackingId: '4829301',
    url: 'https://lapor.example/laporan/4829301',
    institution: 'Dinas PUPR Kota Bandung',
    author: 'Dinas PUPR Kota Bandung',
    message: 'Akan kami perbaiki minggu ini.',
    reasons: ['content: terlalu pendek'],
    status: 'TERDISPOSISI',
    lastResponse: 'Akan kami perbaiki minggu ini.',
    updatedAt: new Date('2026-11-29T02:00:00Z'),
  };

  it.each(NOTIFICATION_KEYS.flatMap((key) => [[key, 'id'], [key, 'en']] as const))('%s (%s) renders with no placeholder left', (key, language) => {
    const reply = renderNotification(flows, language, key, vars);
    expect(reply.text.length).toBeGreaterThan(10);
    expect(reply.text).not.toMatch(/\{\w+\}|\[\[|\]\]/);
  });

  it('complaint_filed carries the tracking number and the link', () => {
    expect(renderNotification(flows, 'id', 'complaint_filed', vars).text).toContain('4829301');
    expect(renderNotification(flows, 'en', 'complaint_filed', vars).text).toContain('https://lapor.example/laporan/4829301');
  });

  it('status_answer shows the status in words and drops lines without data', () => {
    const full = renderNotification(flows, 'id', 'status_answer', vars).text;
    expect(full).toBe(
      'Status laporan 4829301: diteruskan ke instansi\nInstansi: Dinas PUPR Kota Bandung\nTanggapan terakhir: "Akan kami perbaiki minggu ini."\nDiperbarui: 29 Nov 2026, 09.00 WIB',
    );
    const bare = renderNotification(flows, 'en', 'status_answer', { trackingId: '4829301', status: 'BELUM_TERVERIFIKASI', institution: null, lastResponse: null });
    expect(bare.text).toBe('Status of report 4829301: waiting for verification');
  });

  it('complaint_rejected lists the reasons and offers to start again', () => {
    const reply = renderNotification(flows, 'id', 'complaint_rejected', { reasons: ['Isi laporan terlalu pendek', 'Lokasi tidak dikenal'] });
    expect(reply.text).toContain('• Isi laporan terlalu pendek\n• Lokasi tidak dikenal');
    expect(reply.quickReplies).toEqual([{ title: 'Buat laporan baru', payload: 'report' }]);
  });

  it('closed statuses invite a reply; agency responses invite a reply in the chat', () => {
    for (const key of ['status_SELESAI', 'status_BUKAN_WEWENANG', 'status_DIARSIPKAN'] as const) {
      expect(renderNotification(flows, 'id', key, vars).text).toMatch(/balas/i);
      expect(renderNotification(flows, 'en', key, vars).text).toMatch(/reply/i);
    }
    expect(renderNotification(flows, 'id', 'agency_response', vars).text).toContain('Balas saja di chat ini');
  });

  it('an unknown key throws', () => {
    expect(() => renderNotification(flows, 'id', 'nope')).toThrow(/unknown notification/);
  });

  it('statusLabel words every LAPOR! status in both languages', () => {
    for (const status of LAPOR_STATUSES) {
      expect(statusLabel('id', status)).not.toBe(status);
      expect(statusLabel('en', status)).not.toBe(status);
    }
    expect(statusLabel('id', 'SELESAI')).toBe('selesai');
    expect(statusLabel('en', 'TERDISPOSISI')).toBe('forwarded to the agency');
    expect(statusLabel('en', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });
});
