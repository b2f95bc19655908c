// Who acts: an officer known by API key, page session or linked Telegram account, or a member
// of the officers' Telegram group (the group is the trust boundary: its members act for the
// default agency even when not linked to an officer row). Every query an officer makes is
// scoped by `agencyId`; another agency's object answers as a missing one.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';

export type OfficerRole = 'officer' | 'admin';

export interface Principal {
  agencyId: string;
  /** the officer row; null for an unlinked member of the officers' Telegram group */
  officerId: string | null;
  role: OfficerRole;
  /** shown in the audit log and to colleagues (never to the citizen: they see the agency) */
  name: string;
  /** stored as Complaint.claimedBy: the officer id, or telegram:<user id> */
  actorKey: string;
}

/** The id of the officer that ADMIN_API_KEY signs in as (the default agency's first admin). */
export const BOOTSTRAP_ADMIN_ID = 'bootstrap-admin';

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** A new API key: 32 random bytes, shown once; only its hash is kept. */
export const newApiKey = (): string => `lh_${randomBytes(32).toString('base64url')}`;

export function principalOf(officer: { id: string; agencyId: string; role: string; name: string }): Principal {
  return {
    agencyId: officer.agencyId,
    officerId: officer.id,
    role: officer.role === 'admin' ? 'admin' : 'officer',
    name: officer.name,
    actorKey: officer.id,
  };
}

/** The officer an API key belongs to, or null. Keys are compared by hash (the index), never stored. */
export async function principalForApiKey(prisma: PrismaClient, key: string): Promise<Principal | null> {
  const officer = await prisma.officer.findUnique({ where: { apiKeyHash: hashApiKey(key) } });
  return officer ? principalOf(officer) : null;
}

/** ADMIN_API_KEY: the default agency's bootstrap admin; a changed key replaces the old one. */
export async function bootstrapAdmin(prisma: PrismaClient, agencyId: string, apiKey: string | undefined): Promise<void> {
  if (!apiKey) return;
  const apiKeyHash = hashApiKey(apiKey);
  await prisma.officer.upsert({
    where: { id: BOOTSTRAP_ADMIN_ID },
    create: { id: BOOTSTRAP_ADMIN_ID, agencyId, name: 'Admin', role: 'admin', apiKeyHash },
    update: { apiKeyHash, role: 'admin' },
  });
}

/** A member of the officers' Telegram group: the linked officer if any, else the member as such. */
export async function principalForTelegramMember(
  prisma: PrismaClient,
  agencyId: string,
  user: { id: number; first_name: string; last_name?: string; username?: string },
): Promise<Principal> {
  const linked = await prisma.officer.findFirst({ where: { agencyId, telegramId: String(user.id) } });
  if (linked) return principalOf(linked);
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ') + (user.username ? ` (@${user.username})` : '');
  return { agencyId, officerId: null, role: 'officer', name, actorKey: `telegram:${user.id}` };
}

/** An officer linked by Telegram id outside the officers' group (a private chat with the bot). */
export async function principalForLinkedTelegramUser(prisma: PrismaClient, telegramId: number): Promise<Principal | null> {
  const linked = await prisma.officer.findFirst({ where: { telegramId: String(telegramId) } });
  return linked ? principalOf(linked) : null;
}
