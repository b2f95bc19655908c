// The admin API's handle on integrations at run time: implemented by IntegrationAdmin
// (integration-admin.ts) over the channel registry, so a change serves without a restart.
import type { Principal } from '../officers/principal.js';
import type { IntegrationCreate, IntegrationUpdate, IntegrationView } from './integration-input.js';

export interface IntegrationAdminPort {
  list(agencyId: string): Promise<IntegrationView[]>;
  /** null: missing, removed or another agency's */
  get(agencyId: string, id: string): Promise<IntegrationView | null>;
  /** throws IntegrationAdminError: invalid, conflict (that bot or number is connected already), unavailable (no HUB_SECRET_KEY) */
  create(who: Principal, input: IntegrationCreate, source: string): Promise<IntegrationView>;
  /** throws IntegrationAdminError: not_found, invalid, conflict (settings of an env integration: change the environment; its name and connector may change) */
  update(who: Principal, id: string, change: IntegrationUpdate, source: string): Promise<IntegrationView>;
  /** stops it and hides it; its reports stay. throws not_found, conflict (an env integration) */
  remove(who: Principal, id: string, source: string): Promise<void>;
}
