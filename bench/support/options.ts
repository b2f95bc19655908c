// Benchmark options from flags (--c 100, --d=20, --db embedded, --json) or the environment (C, D, WARMUP).
import { parseArgs } from 'node:util';
import { z } from 'zod';

const schema = z.object({
  c: z.coerce.number().int().min(1).max(2000).optional(),
  d: z.coerce.number().positive().max(600).optional(),
  warmup: z.coerce.number().min(0).max(120).optional(),
  db: z.enum(['postgres', 'embedded']).optional(),
  json: z.boolean(),
});

export function benchOptions() {
  const { values } = parseArgs({
    options: {
      c: { type: 'string' }, d: { type: 'string' }, warmup: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean', default: false },
    },
  });
  const env = process.env;
  return schema.parse({
    c: values.c ?? env.C, d: values.d ?? env.D, warmup: values.warmup ?? env.WARMUP, db: values.db ?? env.DB, json: values.json,
  });
}
