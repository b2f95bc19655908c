// The OpenAPI 3 document of the admin API, built from the route table: the very zod schemas
// that validate the requests describe them here (z.toJSONSchema, OpenAPI 3.0 target, as the
// client sends them: `io: 'input'`).
import { z } from 'zod';
import type { AnyRoute } from './routes.js';

type Schema = Record<string, unknown>;

const toSchema = (schema: z.ZodType): Schema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Schema;
  return rest;
};

/** /complaints/:id → /complaints/{id} */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const errorSchema: Schema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string', description: 'what is wrong, in words' },
    fields: { type: 'object', additionalProperties: { type: 'string' }, description: '400: each field that is wrong and why' },
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function parameters(spec: AnyRoute): Schema[] {
  const out: Schema[] = [];
  for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
    if (!schema) continue;
    const object = toSchema(schema) as { properties?: Record<string, Schema & { description?: string }>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...rest } = property;
      out.push({
        name,
        in: where,
        required: where === 'path' || (object.required ?? []).includes(name),
        ...(description && { description }),
        schema: rest,
      });
    }
  }
  return out;
}

const ROLE_NOTE = {
  officer: 'Any officer of the agency.',
  admin: 'An admin of the agency.',
  operator: 'Only the ADMIN_API_KEY operator (the bootstrap admin).',
} as const;

export function openApiDocument(routes: readonly AnyRoute[], info: { version: string; documentPath: string }): Schema {
  const paths: Record<string, Record<string, Schema>> = {
    [info.documentPath]: {
      get: {
        operationId: 'getOpenapi', summary: 'This document', tags: ['meta'], security: [],
        responses: { 200: { description: 'the OpenAPI 3 document of the admin API', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  };
  for (const spec of routes) {
    const operation: Schema = {
      operationId: `${spec.method}${openApiPath(spec.path).replace(/[{}]/g, '').replace(/(^|\/|-)([a-z])/g, (_m, _s, c: string) => c.toUpperCase())}`,
      summary: spec.summary,
      description: [spec.description, `Role: ${ROLE_NOTE[spec.role as keyof typeof ROLE_NOTE]}`].filter(Boolean).join('\n\n'),
      tags: [spec.tag],
      'x-role': spec.role,
      parameters: parameters(spec),
      ...(spec.body && { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body) } } } }),
      responses: {
        [spec.ok]: spec.ok === 204
          ? { description: spec.okDescription }
          : { description: spec.okDescription, content: { 'application/json': { schema: spec.response ? toSchema(spec.response) : { type: 'object' } } } },
        400: errorResponse('a parameter, the query or the body is invalid: `fields` names each'),
        401: errorResponse('missing or wrong API key'),
        ...(spec.role !== 'officer' && { 403: errorResponse(`the key's officer lacks the role (${spec.role})`) }),
        ...Object.fromEntries(Object.entries(spec.refusals ?? {}).map(([status, description]) => [status, errorResponse(description!)])),
        429: errorResponse('too many failed authentications from this address (Retry-After)'),
      },
    };
    (paths[openApiPath(spec.path)] ??= {})[spec.method] = operation;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'lapor-hub admin API',
      version: info.version,
      description: 'Agency staff\'s API: complaints, replies to citizens, officers, integrations, the audit log. '
        + 'Every call is scoped to the agency of the key\'s officer: another agency\'s object answers 404 exactly as a missing one.',
    },
    servers: [{ url: '/api/v1/admin' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an officer\'s API key, or ADMIN_API_KEY' } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
