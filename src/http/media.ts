// GET /media/:id: evidence files, linked from reports sent to LAPOR!.
// The type is the one sniffed when the file was stored; the browser must not guess another.
import { create as contentDisposition } from 'content-disposition';
import express from 'express';
import type { MediaStore } from '../core/channel.js';

export function mediaRouter(media: Pick<MediaStore, 'read'>): express.Router {
  const router = express.Router();
  router.get('/:id', async (req, res) => {
    const file = await media.read(req.params.id);
    if (!file) return void res.status(404).json({ error: 'no such file' });
    res.set({
      'Content-Type': file.mimeType,
      // RFC 6266: an ASCII fallback in filename=, the real name in filename*=UTF-8''
      'Content-Disposition': contentDisposition(file.filename, { type: 'inline' }),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=86400',
    }).send(file.data);
  });
  return router;
}
