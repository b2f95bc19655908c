// Prints the results of a benchmark: a table, or one JSON object (--json) for the docs.
import { cpus } from 'node:os';
import type { Result } from './loop.js';

export function report(bench: string, settings: Record<string, unknown>, results: Result[], json: boolean): void {
  const baseline = results.find((r) => r.target === 'baseline');
  const ratio = (r: Result) => (baseline && baseline.perSecond > 0 ? r.perSecond / baseline.perSecond : NaN);
  if (json) {
    console.log(JSON.stringify({
      bench, date: new Date().toISOString(), node: process.version, cpus: cpus().length, ...settings,
      results: results.map((r) => ({ ...r, perSecond: round(r.perSecond), p50: round(r.p50), p99: round(r.p99), ratio: round(ratio(r)) })),
    }));
    return;
  }
  console.log(`${bench}: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  console.table(results.map((r) => ({
    target: r.target, 'requests/s': round(r.perSecond), 'p50 ms': round(r.p50), 'p99 ms': round(r.p99),
    errors: r.errors ? `${r.errors} ${JSON.stringify(r.byStatus)}` : 0, 'vs baseline': round(ratio(r)),
  })));
}

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : null);

/** Figures that are not a closed loop's (latencies of events, drain times): rows of a table, or JSON. */
export function reportRows(bench: string, settings: Record<string, unknown>, rows: Array<Record<string, unknown>>, json: boolean): void {
  const rounded = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])));
  if (json) {
    console.log(JSON.stringify({ bench, date: new Date().toISOString(), node: process.version, cpus: cpus().length, ...settings, results: rounded }));
    return;
  }
  console.log(`${bench}: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  console.table(rounded);
}
