// Evidence files on disk under DATA_DIR/media, indexed in the Media table.
// Lifecycle: save() stages a file; the turn it arrives with keeps it (the conversation took
// it) or discards it; filing a report marks its files. Rows are deleted before their files,
// so a row never points at a missing file for long; a leftover file is swept by age.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Prisma, PrismaClient } from '@prisma/client';
import { MEDIA_LIMITS, MediaRejected, type MediaStore } from '../core/channel.js';
import { evidenceFileName } from '../core/media-name.js';
import { sniffEvidenceType } from '../core/media-type.js';

type Tx = Prisma.TransactionClient;

export interface HubMediaStore extends MediaStore {
  readonly dir: string;
  /** in the turn's transaction: the conversation took these staged files */
  keep(tx: Tx, mediaIds: string[], conversationId: string, now: Date): Promise<void>;
  /** in the filing transaction: these files belong to a complaint (report or reply) for good */
  markFiled(tx: Tx, mediaIds: string[], complaintId: string): Promise<void>;
  /** in a transaction: drops the rows of files nothing files; delete their files after commit */
  forget(tx: Tx, mediaIds: string[]): Promise<void>;
  /** deletes files whose rows are gone (after the transaction that forgot them committed) */
  deleteFiles(mediaIds: string[]): Promise<void>;
  /** rows and files at once, outside a turn (a duplicate's staged file, the sweeper); returns how many */
  remove(where: Prisma.MediaWhereInput): Promise<number>;
}

const REMOVE_BATCH = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createMediaStore(prisma: PrismaClient, dataDir: string): HubMediaStore {
  const dir = join(dataDir, 'media');
  const unfiled = (ids: string[]) => ({ id: { in: ids }, complaintId: null });
  const deleteFiles = async (ids: string[]) => {
    // ids are our own UUIDs: never a path outside the folder
    await Promise.all(ids.filter((id) => UUID.test(id)).map((id) => rm(join(dir, id), { force: true })));
  };
  return {
    dir,
    async save(data, meta) {
      if (data.length > MEDIA_LIMITS.maxBytes) throw new MediaRejected('too_large');
      // the bytes decide, whatever the platform or the client claims
      const mimeType = sniffEvidenceType(data);
      if (!mimeType) throw new MediaRejected('bad_type');
      const filename = evidenceFileName(meta.filename, mimeType);
      await mkdir(dir, { recursive: true });
      const id = randomUUID();
      await writeFile(join(dir, id), data);
      try {
        await prisma.media.create({ data: { id, path: id, filename, mimeType, size: data.length } });
      } catch (error) {
        await deleteFiles([id]);
        throw error;
      }
      return { mediaId: id, filename, mimeType, size: data.length };
    },
    async read(mediaId) {
      if (!UUID.test(mediaId)) return null;
      const row = await prisma.media.findUnique({ where: { id: mediaId } });
      if (!row) return null;
      const data = await readFile(join(dir, row.path)).catch(() => null);
      return data ? { data, filename: row.filename, mimeType: row.mimeType } : null;
    },
    async keep(tx, mediaIds, conversationId, now) {
      if (mediaIds.length) await tx.media.updateMany({ where: { id: { in: mediaIds } }, data: { keptAt: now, conversationId } });
    },
    async markFiled(tx, mediaIds, complaintId) {
      if (mediaIds.length) await tx.media.updateMany({ where: unfiled(mediaIds), data: { complaintId } });
    },
    async forget(tx, mediaIds) {
      if (mediaIds.length) await tx.media.deleteMany({ where: unfiled(mediaIds) });
    },
    deleteFiles,
    async remove(where) {
      const ids = (await prisma.media.findMany({ where, select: { id: true }, take: REMOVE_BATCH })).map((m) => m.id);
      if (!ids.length) return 0;
      await prisma.media.deleteMany({ where: { AND: [where, { id: { in: ids } }] } });
      // a row a turn kept or filed in between no longer matches and stays, with its file
      const left = new Set((await prisma.media.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((m) => m.id));
      const gone = ids.filter((id) => !left.has(id));
      await deleteFiles(gone);
      return gone.length;
    },
  };
}
