// Benchmark options from flags (--c 100, --d=20, --db embedded, --json) or the environment (C, D, WARMUP).
// --n / N: how many (reports, jobs) for the benchmarks that count things rather than run for D s;
// --poll-ms / POLL_MS: the hub's LAPOR_POLL_INTERVAL_MS (bench:relay).
import { parseArgs } from 'node:util';
import { z } from 'zod';

const schema = z.object({
  c: z.coerce.number().int().min(1).max(2000).optional(),
  d: z.coerce.number().positive().max(600).optional(),
  warmup: z.coerce.number().min(0).max(120).optional(),
  db: z.enum(['postgres', 'embedded']).optional(),
  n: z.coerce.number().int().min(1).max(100_000).optional(),
  pollMs: z.coerce.number().int().min(100).max(600_000).optional(),
  json: z.boolean(),
});

export function benchOptions() {
  const { values } = parseArgs({
    options: {
      c: { type: 'string' }, d: { type: 'string' }, warmup: { type: 'string' }, db: { type: 'string' }, n: { type: 'string' }, 'poll-ms': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const env = process.env;
  return schema.parse({
    c: values.c ?? env.C, d: values.d ?? env.D, warmup: values.warmup ?? env.WARMUP, db: values.db ?? env.DB,
    n: values.n ?? env.N, pollMs: values['poll-ms'] ?? env.POLL_MS, json: values.json,
  });
}
