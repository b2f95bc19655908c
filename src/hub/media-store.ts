// Evidence files on disk under DATA_DIR/media, indexed in the Media table.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrismaClient } from '@prisma/client';
import type { MediaStore } from '../core/channel.js';

export function createMediaStore(prisma: PrismaClient, dataDir: string): MediaStore {
  const dir = join(dataDir, 'media');
  return {
    async save(data, meta) {
      await mkdir(dir, { recursive: true });
      const id = randomUUID();
      await writeFile(join(dir, id), data);
      await prisma.media.create({ data: { id, path: id, filename: meta.filename, mimeType: meta.mimeType, size: data.length } });
      return { mediaId: id, filename: meta.filename, mimeType: meta.mimeType, size: data.length };
    },
    async read(mediaId) {
      const row = await prisma.media.findUnique({ where: { id: mediaId } });
      if (!row) return null;
      const data = await readFile(join(dir, row.path)).catch(() => null);
      return data ? { data, filename: row.filename, mimeType: row.mimeType } : null;
    },
  };
}
