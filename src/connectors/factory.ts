// Builds an agency's connector from its stored `connectorType` and `connectorConfig`,
// validating the config with zod so that a typo fails at start-up, not at the first report.
import { z } from 'zod';
import type { Connector } from './connector.js';
import { LaporConnector } from './lapor/index.js';
import { ManualConnector } from './manual/index.js';
import { WebhookConnector } from './webhook/index.js';

export const CONNECTOR_TYPES = ['lapor', 'webhook', 'manual'] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

export interface ConnectorDefaults {
  /** LAPOR_API_URL, or the built-in simulator's URL when it is unset */
  laporApiUrl: string;
  laporApiToken?: string;
  /** per request; default 15 s */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  /** failed LAPOR! API requests (metrics) */
  onLaporError?: (operation: string, status: string) => void;
}

const httpUrl = z.url({ protocol: /^https?$/ });
const timeoutMs = z.number().int().positive().max(120_000).optional();

export const laporConfigSchema = z.strictObject({
  /** overrides LAPOR_API_URL for this agency */
  apiUrl: httpUrl.optional(),
  /** overrides LAPOR_API_TOKEN for this agency */
  token: z.string().min(1).optional(),
  timeoutMs,
  /** hub category → the agency's own LAPOR! topic id */
  categoryMap: z.record(z.string(), z.string().min(1)).optional(),
});

export const webhookConfigSchema = z.strictObject({
  url: httpUrl,
  /** shared HMAC secret for X-Hub-Signature-256 */
  secret: z.string().min(16, 'use a secret of at least 16 characters'),
  timeoutMs,
});

export const manualConfigSchema = z.strictObject({});

export class ConnectorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectorConfigError';
  }
}

export function createConnector(
  agency: { connectorType: string; connectorConfig: unknown },
  defaults: ConnectorDefaults,
): Connector {
  const type = agency.connectorType || 'lapor';
  const raw = agency.connectorConfig ?? {};
  switch (type) {
    case 'lapor': {
      const c = parse(laporConfigSchema, raw, type);
      const token = c.token ?? defaults.laporApiToken;
      const ms = c.timeoutMs ?? defaults.timeoutMs;
      return new LaporConnector({
        apiUrl: c.apiUrl ?? defaults.laporApiUrl,
        ...(token !== undefined && { token }),
        ...(ms !== undefined && { timeoutMs: ms }),
        ...(c.categoryMap && { categoryMap: c.categoryMap }),
        ...(defaults.fetch && { fetch: defaults.fetch }),
        ...(defaults.onLaporError && { onError: defaults.onLaporError }),
      });
    }
    case 'webhook': {
      const c = parse(webhookConfigSchema, raw, type);
      const ms = c.timeoutMs ?? defaults.timeoutMs;
      return new WebhookConnector({
        url: c.url,
        secret: c.secret,
        ...(ms !== undefined && { timeoutMs: ms }),
        ...(defaults.fetch && { fetch: defaults.fetch }),
        ...(defaults.now && { now: defaults.now }),
      });
    }
    case 'manual':
      parse(manualConfigSchema, raw, type);
      return new ManualConnector(defaults.now);
    default:
      throw new ConnectorConfigError(`unknown connectorType "${type}" (expected one of ${CONNECTOR_TYPES.join(', ')})`);
  }
}

function parse<T extends z.ZodType>(schema: T, raw: unknown, type: string): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConnectorConfigError(`invalid connectorConfig for "${type}": ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`);
  }
  return parsed.data;
}
