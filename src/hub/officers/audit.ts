// The audit log: one row per officer action, written in the action's own transaction so that
// an action and its record stand or fall together.
import type { Prisma } from '@prisma/client';
import type { Principal } from './principal.js';

type Tx = Prisma.TransactionClient;

export interface AuditRecord {
  action: string;
  /** complaint:<id>, integration:<id>, officer:<id>, job:<id> */
  target?: string;
  /** what changed; never a secret, never a citizen's contact */
  detail?: Prisma.InputJsonValue;
  /** api <ip>, page <ip>, telegram <chat id> */
  source: string;
}

export async function audit(tx: Tx, who: Principal, record: AuditRecord, at: Date = new Date()): Promise<void> {
  await tx.auditEntry.create({
    data: {
      agencyId: who.agencyId,
      officerId: who.officerId,
      actor: who.name,
      action: record.action,
      target: record.target ?? null,
      detail: record.detail ?? {},
      source: record.source,
      at,
    },
  });
}
