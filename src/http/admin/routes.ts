// One table of admin routes: each entry's schemas validate its requests, its role guards it,
// and the same entry produces its part of the OpenAPI document (openapi.ts), so what is
// served and what is documented cannot drift apart.
import express, { type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Principal } from '../../hub/officers/principal.js';
import { allowed, apiSource, type Role } from './auth.js';
import { HttpError, parse } from './validate.js';

export type Method = 'get' | 'post' | 'patch' | 'delete';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface Ctx<P, Q, B> {
  req: Request;
  res: Response;
  who: Principal;
  /** `api <address>`, for the audit log */
  source: string;
  params: P;
  query: Q;
  body: B;
}

export interface RouteSpec<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined> {
  method: Method;
  /** express style: /complaints/:id */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** the least role that may call it */
  role: Role;
  params?: P;
  query?: Q;
  body?: B;
  /** the success status; 204 sends no body */
  ok: 200 | 201 | 202 | 204;
  okDescription: string;
  /** the answer's shape on success, for the document only */
  response?: z.ZodType;
  /** further documented refusals besides 400/401/403/429 */
  refusals?: Partial<Record<404 | 409, string>>;
  handle(ctx: Ctx<Out<P>, Out<Q>, Out<B>>): Promise<unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any>;

/** Types one table entry (the handler sees the parsed params, query and body). */
export function route<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<P, Q, B>,
): AnyRoute {
  return spec as AnyRoute;
}

const forbidden = (role: Role) =>
  role === 'operator' ? 'only the ADMIN_API_KEY operator may do this' : `only an agency ${role} may do this`;

/** Registers each route on the router: role first, then params, query, body, then the handler. */
export function mountRoutes(router: express.Router, routes: readonly AnyRoute[]): void {
  for (const spec of routes) {
    router[spec.method](spec.path, async (req, res) => {
      const who = res.locals.principal as Principal;
      if (!allowed(who, spec.role)) throw new HttpError(403, forbidden(spec.role));
      const params = spec.params ? parse(spec.params, req.params, 'params') : undefined;
      const query = spec.query ? parse(spec.query, req.query, 'query') : undefined;
      const body = spec.body ? parse(spec.body, req.body, 'body') : undefined;
      const result = await spec.handle({ req, res, who, source: apiSource(req), params, query, body });
      if (spec.ok === 204) return void res.status(204).end();
      res.status(spec.ok).json(result);
    });
  }
}
