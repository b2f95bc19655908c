// The agency's channel integrations at run time, through the IntegrationAdminPort (officers
// read, admins change). Secrets go in and never come out: a view names only which are set.
import type { IntegrationAdminPort } from '../../hub/integrations/integration-admin-port.js';
import { IntegrationAdminError, integrationCreate, integrationUpdate } from '../../hub/integrations/integration-input.js';
import * as R from './responses.js';
import { route, type AnyRoute } from './routes.js';
import { idParams } from './schemas.js';
import { HttpError } from './validate.js';

/** not_found 404, invalid 400 with its fields, conflict and unavailable 409 with the reason. */
async function port<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof IntegrationAdminError)) throw error;
    const status = { not_found: 404, invalid: 400, conflict: 409, unavailable: 409 }[error.kind];
    throw new HttpError(status, error.message, error.kind === 'invalid' ? (error.fields ?? {}) : undefined);
  }
}

export function integrationRoutes(deps: { integrations: IntegrationAdminPort }): AnyRoute[] {
  const { integrations } = deps;
  const NOT_FOUND = { 404: 'no such integration in the caller\'s agency' } as const;
  return [
    route({
      method: 'get', path: '/integrations', tag: 'integrations', role: 'officer',
      summary: 'The agency\'s channels with their health', response: R.integrationsResponse, ok: 200, okDescription: '`{integrations}` (secrets never shown: `secretsSet` names the ones set)',
      handle: async ({ who }) => ({ integrations: await integrations.list(who.agencyId) }),
    }),
    route({
      method: 'get', path: '/integrations/:id', tag: 'integrations', role: 'officer',
      summary: 'One channel of the agency', params: idParams, response: R.integrationResponse, ok: 200, okDescription: 'the integration', refusals: NOT_FOUND,
      async handle({ who, params }) {
        const view = await integrations.get(who.agencyId, params.id);
        if (!view) throw new HttpError(404, `no integration ${params.id}`);
        return view;
      },
    }),
    route({
      method: 'post', path: '/integrations', tag: 'integrations', role: 'admin',
      summary: 'Connect a channel (Telegram bot, WhatsApp Cloud number, WhatsApp Web number); it runs at once',
      body: integrationCreate, response: R.integrationResponse, ok: 201, okDescription: 'the integration',
      refusals: { 409: 'that bot or number is connected already, or HUB_SECRET_KEY is unset (secrets cannot be stored)' },
      handle: ({ who, body, source }) => port(() => integrations.create(who, body, source)),
    }),
    route({
      method: 'patch', path: '/integrations/:id', tag: 'integrations', role: 'admin',
      summary: 'Change a channel\'s name, connector or settings (merged over the stored ones); it restarts with them',
      params: idParams, body: integrationUpdate, response: R.integrationResponse, ok: 200, okDescription: 'the integration',
      refusals: { ...NOT_FOUND, 409: 'configured by the environment (change it there), or HUB_SECRET_KEY is unset' },
      handle: ({ who, params, body, source }) => port(() => integrations.update(who, params.id, body, source)),
    }),
    route({
      method: 'delete', path: '/integrations/:id', tag: 'integrations', role: 'admin',
      summary: 'Stop and remove a channel; its reports stay',
      params: idParams, ok: 204, okDescription: 'removed',
      refusals: { ...NOT_FOUND, 409: 'configured by the environment (change it there)' },
      handle: ({ who, params, source }) => port(() => integrations.remove(who, params.id, source)),
    }),
  ];
}
