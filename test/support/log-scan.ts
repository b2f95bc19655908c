// Scans log files for personal data and secrets. A finding names the file, the line and the
// kind of what matched, and shows the value only masked: the scan's own output is a log too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_NAMES, FIXTURE_SECRETS, FIXTURE_TEXTS } from './log-fixtures.js';

export interface Finding {
  file: string;
  line: number;
  kind: string;
  masked: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (values: string[], flags: string) => new RegExp(values.map(escape).join('|'), flags);

/** What may not appear in a log line, by kind. */
export const LEAK_PATTERNS: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  { kind: 'NIK (16 digits)', pattern: /(?<!\d)\d{16}(?!\d)/g },
  { kind: 'Indonesian phone number', pattern: /(?<![\w-])(?:\+?62|0)8\d(?:[ .-]?\d){6,12}(?![\w-])/g },
  { kind: 'Telegram bot token', pattern: /\d{3,}:[A-Za-z0-9_-]{30,}/g },
  { kind: 'Bearer credential', pattern: /Bearer\s+[A-Za-z0-9._~+/=-]{4,}/g },
  { kind: 'name used by the tests', pattern: anyOf(FIXTURE_NAMES, 'gi') },
  { kind: 'secret used by the tests', pattern: anyOf(FIXTURE_SECRETS, 'g') },
  { kind: "citizen's text used by the tests", pattern: anyOf(FIXTURE_TEXTS, 'gi') },
];

/** `0812345678` → `08…78 (10 chars)`: enough to find it in the test, not enough to leak it. */
export function mask(value: string): string {
  const shown = value.length >= 8 ? `${value.slice(0, 2)}…${value.slice(-2)}` : '…';
  return `${shown} (${value.length} chars)`;
}

export function scanText(text: string, file: string): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((content, index) => {
    for (const { kind, pattern } of LEAK_PATTERNS) {
      for (const match of content.matchAll(pattern)) {
        findings.push({ file, line: index + 1, kind, masked: mask(match[0]) });
      }
    }
  });
  return findings;
}

/** Every `*.log` file directly in `dir`. */
export function scanDirectory(dir: string): { files: number; lines: number; findings: Finding[] } {
  const names = readdirSync(dir).filter((name) => name.endsWith('.log')).sort();
  let lines = 0;
  const findings: Finding[] = [];
  for (const name of names) {
    const text = readFileSync(join(dir, name), 'utf8');
    lines += text.split('\n').filter(Boolean).length;
    findings.push(...scanText(text, join(dir, name)));
  }
  return { files: names.length, lines, findings };
}

export const formatFinding = (f: Finding) => `${f.file}:${f.line}: ${f.kind} ${f.masked}`;
