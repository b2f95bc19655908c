// Request validation: every path parameter, query and body goes through a zod schema; a
// client's mistake is a 400 naming each field and what is wrong, never a 5xx.
import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** 400: field → reason */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export type Where = 'body' | 'query' | 'params';

export function parse<T extends z.ZodType>(schema: T, value: unknown, where: Where): z.output<T> {
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= `unknown ${where === 'body' ? 'field' : 'parameter'}`;
      continue;
    }
    const field = issue.path.length ? issue.path.join('.') : where;
    fields[field] ??= issue.message;
  }
  throw new HttpError(400, Object.entries(fields).map(([field, reason]) => `${field}: ${reason}`).join('; '), fields);
}

/** HttpErrors become `{error, fields?}` with their status; anything else goes on to the app's handler. */
export const httpErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (error instanceof HttpError) return void res.status(error.status).json({ error: error.message, ...(error.fields && { fields: error.fields }) });
  next(error);
};
