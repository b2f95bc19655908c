// GET /admin/whatsapp-web: the QR (an image) or the pairing code for linking the agency's phone,
// refreshed every few seconds. Also /qr.png and /state.json for scripts and `curl -H`.
// Bahasa Indonesia first, English second.
import express, { type Router } from 'express';
import QRCode from 'qrcode';
import type { ChannelStateStore } from '../../src/core/channel.js';
import { adminOnly } from './admin-access.js';
import { QR_FRESH_MS, readPairing, type PairingState } from './pairing-state.js';

export const PAIRING_PAGE_PATH = '/admin/whatsapp-web';
const REFRESH_MS = 5000;

interface Shown {
  status: PairingState['status'] | 'unknown';
  detail?: string;
  qr?: string;
  pairingCode?: string;
}

/** What is shown now: a QR or a pairing code only while fresh (an older one links no phone). */
export async function current(store: ChannelStateStore, now: () => Date): Promise<Shown> {
  const state = await readPairing(store);
  if (!state) return { status: 'unknown', detail: 'the WhatsApp Web channel has not started yet' };
  const fresh = now().getTime() - state.at <= QR_FRESH_MS;
  return {
    status: state.status,
    ...(state.detail ? { detail: state.detail } : {}),
    ...(fresh && state.qr ? { qr: state.qr } : {}),
    ...(fresh && state.pairingCode ? { pairingCode: state.pairingCode } : {}),
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function body(shown: Shown, image: string | undefined): string {
  if (shown.status === 'connected') {
    return '<p class="ok">✅ Nomor WhatsApp sudah terhubung. Tidak perlu memindai apa pun.</p>'
      + '<p lang="en">The WhatsApp number is connected. Nothing to scan.</p>';
  }
  if (image) {
    return `<img src="${image}" alt="QR code" width="280" height="280">`
      + '<ol><li>Buka WhatsApp di ponsel instansi → <b>Perangkat tertaut</b> → <b>Tautkan perangkat</b>.</li>'
      + '<li>Pindai kode QR ini. Kode berganti setiap ±20 detik; halaman ini memperbaruinya sendiri.</li></ol>'
      + '<p lang="en">Open WhatsApp on the agency\'s phone → Linked devices → Link a device, and scan this QR. '
      + 'It changes about every 20 seconds; this page follows.</p>';
  }
  if (shown.pairingCode) {
    return `<p class="code">${escape(shown.pairingCode)}</p>`
      + '<p>Di ponsel: <b>Perangkat tertaut</b> → <b>Tautkan perangkat</b> → <b>Tautkan dengan nomor telepon</b>, lalu ketik kode ini.</p>'
      + '<p lang="en">On the phone: Linked devices → Link a device → Link with phone number instead, and type this code.</p>';
  }
  const detail = shown.detail ? `<p class="detail">${escape(shown.detail)}</p>` : '';
  return '<p>Menunggu kode QR dari WhatsApp…</p><p lang="en">Waiting for a QR code from WhatsApp…</p>' + detail;
}

function page(shown: Shown, image: string | undefined, nonce: string): string {
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hubungkan WhatsApp · Connect WhatsApp</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
img{display:block;margin:1rem 0;image-rendering:pixelated}.code{font-size:2.5rem;letter-spacing:.3rem;font-family:monospace}
.ok{font-size:1.25rem}.detail,[lang=en]{color:#555}</style></head>
<body><h1>Hubungkan WhatsApp <small lang="en">Connect WhatsApp</small></h1>
<p>Status: <b>${escape(shown.status)}</b></p>
${body(shown, image)}
<script nonce="${nonce}">setTimeout(function () { location.reload(); }, ${REFRESH_MS});</script>
</body></html>`;
}

export function pairingPage(options: { store: ChannelStateStore; apiKey: string | undefined; now: () => Date }): Router {
  const router = express.Router();
  router.use(adminOnly(options.apiKey));
  router.get('/', async (_req, res, next) => {
    try {
      const shown = await current(options.store, options.now);
      const image = shown.qr ? await QRCode.toDataURL(shown.qr, { margin: 2, width: 280 }) : undefined;
      res.type('html').send(page(shown, image, String(res.locals.cspNonce ?? '')));
    } catch (err) {
      next(err);
    }
  });
  router.get('/state.json', async (_req, res, next) => {
    try {
      const shown = await current(options.store, options.now);
      const image = shown.qr ? await QRCode.toDataURL(shown.qr, { margin: 2, width: 280 }) : undefined;
      const { qr: _qr, ...rest } = shown;
      res.json({ ...rest, ...(image ? { qrImage: image } : {}) });
    } catch (err) {
      next(err);
    }
  });
  router.get('/qr.png', async (_req, res, next) => {
    try {
      const shown = await current(options.store, options.now);
      if (!shown.qr) return void res.status(404).json({ error: 'no QR code to scan right now', status: shown.status });
      res.type('png').send(await QRCode.toBuffer(shown.qr, { margin: 2, width: 280 }));
    } catch (err) {
      next(err);
    }
  });
  return router;
}
