// Pieces of request schemas the admin routes share.
import { z } from 'zod';

export const OBJECT = { error: 'must be a JSON object' };

export const text = (max: number) => z.string({ error: 'must be a string' }).trim()
  .min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** An id in the path: any text; one that names nothing (or another agency's object) is a 404. */
export const idParams = z.object({ id: z.string().min(1).max(200, 'must be at most 200 characters').describe('the object\'s id') });

export const limit = (max: number, fallback: number) => z.coerce.number({ error: 'must be a number' })
  .int('must be a whole number').min(1, `must be 1–${max}`).max(max, `must be 1–${max}`).default(fallback)
  .describe(`page size (1–${max}, default ${fallback})`);

export const cursor = z.string().min(1).max(64).optional().describe('the `nextCursor` of the previous page');

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD, a real calendar day. */
export const day = z.string({ error: 'must be a date YYYY-MM-DD' })
  .regex(DAY, 'must be a date YYYY-MM-DD')
  .refine((value) => {
    const match = DAY.exec(value);
    if (!match) return true; // the regex has said so already
    const [, y, m, d] = match;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
  }, 'must be a real calendar day');

/** The first instant of a day in Asia/Jakarta (UTC+7 all year: no daylight saving). */
export const jakartaDayStart = (value: string): Date => new Date(`${value}T00:00:00+07:00`);

/** The first instant after a day in Asia/Jakarta: `to` is inclusive of its day. */
export const jakartaDayEnd = (value: string): Date => new Date(jakartaDayStart(value).getTime() + 24 * 3600 * 1000);
