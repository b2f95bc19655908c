// Request validation: every body and query goes through a zod schema; a client's mistake is
// a 400 naming the field and what is wrong, never a 5xx.
import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export function parse<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query'): z.output<T> {
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const reasons = result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : where}: ${issue.message}`);
  throw new HttpError(400, reasons.join('; '));
}

/** HttpErrors become `{error}` with their status; anything else goes on to the app's handler. */
export const httpErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (error instanceof HttpError) return void res.status(error.status).json({ error: error.message });
  next(error);
};
