// ChannelStateStore over the ChannelState table: an adapter's own strings by key, per integration.
import type { PrismaClient } from '@prisma/client';
import type { ChannelStateStore } from '../core/channel.js';

/** Long enough for a few hundred keys on PGlite (Baileys writes its pre-keys in one batch). */
const SET_MANY_TIMEOUT_MS = 30_000;

export function channelStateStore(prisma: PrismaClient, integrationId: string): ChannelStateStore {
  return {
    async get(key) {
      const row = await prisma.channelState.findUnique({ where: { integrationId_key: { integrationId, key } }, select: { value: true } });
      return row?.value;
    },

    async getMany(keys) {
      if (keys.length === 0) return new Map();
      const rows = await prisma.channelState.findMany({ where: { integrationId, key: { in: keys } }, select: { key: true, value: true } });
      return new Map(rows.map((r) => [r.key, r.value]));
    },

    async setMany(entries) {
      const keys = Object.keys(entries);
      if (keys.length === 0) return;
      // all or nothing: Baileys' signal keys and creds must never be half written
      await prisma.$transaction(async (tx) => {
        const deleted = keys.filter((key) => entries[key] === null);
        if (deleted.length) await tx.channelState.deleteMany({ where: { integrationId, key: { in: deleted } } });
        for (const key of keys) {
          const value = entries[key];
          if (value === null || value === undefined) continue;
          await tx.channelState.upsert({
            where: { integrationId_key: { integrationId, key } },
            create: { integrationId, key, value },
            update: { value },
          });
        }
      }, { timeout: SET_MANY_TIMEOUT_MS, maxWait: SET_MANY_TIMEOUT_MS });
    },

    async deletePrefix(prefix) {
      // an exact prefix comparison: LIKE would read `_` and `%` in a key as wildcards
      await prisma.$executeRaw`DELETE FROM "ChannelState"
        WHERE "integrationId" = ${integrationId} AND left("key", char_length(${prefix}::text)) = ${prefix}::text`;
    },
  };
}
