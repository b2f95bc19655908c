// POST /webhooks/lapor: LAPOR! pushes one update; HMAC-checked over the raw body.
import express from 'express';
import { parseLaporUpdate, verifyLaporSignature } from '../connectors/lapor/index.js';
import type { StatusRelay } from '../hub/status-relay.js';

export function laporWebhookRouter(options: { secret?: string; agencyId: string; relay: StatusRelay }): express.Router {
  const router = express.Router();
  router.post('/', express.raw({ type: () => true, limit: '256kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!options.secret) return void res.status(401).json({ error: 'push is not enabled: LAPOR_WEBHOOK_SECRET is not set' });
    if (!verifyLaporSignature(raw, req.get('X-Lapor-Signature'), options.secret)) {
      return void res.status(401).json({ error: 'missing or wrong X-Lapor-Signature' });
    }
    let update;
    try {
      update = parseLaporUpdate(JSON.parse(raw.toString('utf8')));
    } catch (error) {
      return void res.status(400).json({ error: `not a LAPOR! update: ${(error as Error).message}` });
    }
    const outcome = await options.relay.apply(options.agencyId, update);
    if (outcome === 'unknown_report') return void res.status(404).json({ error: `unknown tracking_id ${update.trackingId}` });
    res.status(204).end();
  });
  return router;
}
