// An integration added through the admin API, as its adapter is built from it: the row's plain
// settings (`config`, minus the hub's own keys) joined with its opened secrets.
import type { Integration } from '@prisma/client';
import type { IntegrationSpec } from '../../core/channel.js';
import type { SecretBox } from '../secret-box.js';

/** keys of Integration.config that are the hub's, not the channel's */
export const HUB_KEYS = ['connector'] as const;

export type StoredSpec = { ok: true; spec: IntegrationSpec } | { ok: false; reason: string };

export function plainSettings(config: unknown): Record<string, unknown> {
  const settings = { ...((config ?? {}) as Record<string, unknown>) };
  for (const key of HUB_KEYS) delete settings[key];
  return settings;
}

export function storedSpec(row: Integration, box: SecretBox | undefined): StoredSpec {
  let secrets: Record<string, string> = {};
  if (row.secrets) {
    if (!box) return { ok: false, reason: 'HUB_SECRET_KEY is not set: its secrets cannot be opened' };
    try {
      secrets = box.open(row.secrets);
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }
  return { ok: true, spec: { id: row.id, agencyId: row.agencyId, name: row.name, settings: { ...plainSettings(row.config), ...secrets } } };
}
