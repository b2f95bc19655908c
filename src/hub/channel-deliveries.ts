// DeliveryLog over Message.deliveryStatus: platform receipts recorded on the outbound row
// sent with that platform id. A receipt never moves the status backwards.
import type { PrismaClient } from '@prisma/client';
import type { DeliveryLog, DeliveryStatus } from '../core/channel.js';

/** The statuses each receipt may replace: sent < delivered < read; failed ends it (not after read). */
const REPLACES: Record<DeliveryStatus, DeliveryStatus[]> = {
  sent: [],
  delivered: ['sent'],
  read: ['sent', 'delivered'],
  failed: ['sent', 'delivered'],
};

export function deliveryLog(prisma: PrismaClient, integrationId: string, now: () => Date): DeliveryLog {
  return {
    async record(platformMessageId, status, error) {
      // one conditional UPDATE: two receipts racing cannot move it backwards either
      await prisma.message.updateMany({
        where: {
          integrationId,
          direction: 'out',
          platformMessageId,
          OR: [{ deliveryStatus: null }, { deliveryStatus: { in: REPLACES[status] } }],
        },
        data: {
          deliveryStatus: status,
          deliveryStatusAt: now(),
          ...(status === 'failed' ? { deliveryError: error ? `failed:${error}` : 'failed' } : {}),
        },
      });
    },
  };
}
