// The OpenAPI document is made from the route table that registers the handlers: every route
// the mounted admin router serves is in the document and every documented operation is served
// (and guarded by the key), with the very schemas that validate its requests.
import type express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../support/fuzz.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { admin, ADMIN_KEY } from './support.js';

let hub: TestHub;
let document: any;
beforeAll(async () => {
  hub = await startTestHub({ ADMIN_API_KEY: ADMIN_KEY });
  const res = await fetch(`${hub.url}/api/v1/admin/openapi.json`);
  expect(res.status).toBe(200);
  document = await res.json();
}, 60_000);
afterAll(async () => hub?.close());

type Layer = { handle: { stack?: Layer[] }; route?: { path: string; methods: Record<string, boolean> } };

/** The routes of the admin router as mounted in the hub's express app. */
function servedRoutes(): string[] {
  const app = hub.app as unknown as { router: { stack: Layer[] } };
  const routers = app.router.stack.filter((layer) => layer.handle.stack?.some((l) => l.route?.path === '/openapi.json'));
  expect(routers).toHaveLength(1);
  const out: string[] = [];
  for (const layer of routers[0]!.handle.stack!) {
    if (!layer.route) continue;
    for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return out.sort();
}

const documented = (): string[] =>
  Object.entries(document.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`)).sort();

describe('the OpenAPI document', () => {
  it('is OpenAPI 3, readable without a key, and holds nothing secret', async () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(JSON.stringify(document)).not.toContain(ADMIN_KEY);
  });

  it('is well-formed OpenAPI 3.0: unique operation ids, each path parameter declared, 3.0 schemas only', () => {
    const ids: string[] = [];
    for (const [path, ops] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(ops)) {
        ids.push(op.operationId);
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        const declared = (op.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name).sort();
        expect(declared, `${method} ${path}`).toEqual(inPath);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    // every answer with a body has its shape documented (the admin tests check answers against it)
    for (const [path, ops] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      if (path === '/openapi.json') continue;
      for (const [method, op] of Object.entries(ops)) {
        const [status, ok] = Object.entries(op.responses as Record<string, any>).find(([code]) => code.startsWith('2'))!;
        if (status === '204') continue;
        expect(ok.content['application/json'].schema.properties, `${method} ${path}`).toBeTruthy();
      }
    }
    const json = JSON.stringify(document);
    // JSON Schema 2020 forms that OpenAPI 3.0 does not know
    expect(json).not.toMatch(/"\$schema"|"const"|"type":\[|"prefixItems"/);
  });

  it('lists exactly the routes the admin router serves', () => {
    const served = servedRoutes();
    expect(served.length).toBeGreaterThanOrEqual(20);
    expect(documented()).toEqual(served);
  });

  it('every documented operation is served behind the key: 401 without it, never the unknown-route 404', async () => {
    let address = 0;
    for (const entry of documented()) {
      const [method, template] = entry.split(' ') as [string, string];
      if (template === '/openapi.json') continue;
      const path = template.replace(/\{\w+\}/g, 'some-id');
      // each from an address of its own: failed keys are throttled per address
      const res = await rawRequest(hub.url, { method, path: `/api/v1/admin${path}`, localAddress: `127.0.9.${++address}` });
      expect(res.status, entry).toBe(401);
      expect(document.paths[template][method.toLowerCase()].responses['401'], entry).toBeTruthy();
    }
    const unknown = await admin(hub, 'GET', '/not-documented');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/no admin route/);
  });

  it('describes requests with the schemas that validate them', async () => {
    const create = document.paths['/officers'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(Object.keys(schema.properties).sort()).toEqual(['apiKey', 'name', 'role', 'telegramId']);
    expect(schema.required).toEqual(['name']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.role.enum).toEqual(['officer', 'admin']);
    expect(create['x-role']).toBe('admin');

    const list = document.paths['/complaints'].get;
    const params = Object.fromEntries(list.parameters.map((p: { name: string }) => [p.name, p]));
    expect(Object.keys(params).sort()).toEqual(['category', 'channel', 'claimed', 'cursor', 'from', 'integration', 'limit', 'overdue', 'q', 'status', 'to']);
    expect(params.limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    expect(params.claimed.schema.enum).toEqual(['me', 'none']);
    expect(params.from.schema.pattern).toBeTruthy();
    expect(document.paths['/complaints/{id}/replies'].post.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);

    // what the document says is refused is refused, in the words of the same schema
    const res = await admin(hub, 'POST', '/officers', { name: 'X', role: 'boss', apiKey: true });
    expect(res.status).toBe(400);
    expect(res.body.fields.role).toBeTruthy();
    const res2 = await admin(hub, 'GET', `/complaints?limit=${params.limit.schema.maximum + 1}`);
    expect(res2.body.fields).toEqual({ limit: 'must be 1–100' });
  });
});
