// GET /dashboard: the public statistics page (contracts/interfaces.md). A static page, its own
// script and style, and Chart.js's UMD build served from node_modules: nothing from a CDN.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express from 'express';
import { z } from 'zod';
import { statsQuery } from '../../hub/stats/query.js';
import { DASHBOARD_HTML } from './page.js';

const ASSETS_DIR = new URL('./assets', import.meta.url).pathname;
// chart.js's exports do not name the UMD file: find its dist folder from the package's main entry
const CHART_DIST = dirname(createRequire(import.meta.url).resolve('chart.js'));
const VENDOR_FILES = new Set(['chart.umd.min.js', 'chart.umd.min.js.map']);

// the filter form sends empty fields for "all": they mean no filter
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const pageQuery = z.looseObject({
  agency: z.preprocess(blankToUndefined, z.unknown()),
  from: z.preprocess(blankToUndefined, z.unknown()),
  to: z.preprocess(blankToUndefined, z.unknown()),
}).transform((q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined))).pipe(statsQuery);

export function createDashboard(): express.Router {
  const router = express.Router();
  router.get('/assets/vendor/:file', (req, res, next) => {
    if (!VENDOR_FILES.has(req.params.file)) return next();
    res.sendFile(join(CHART_DIST, req.params.file), { maxAge: '1d' });
  });
  router.use('/assets', express.static(ASSETS_DIR, { index: false, maxAge: '1h' }));
  router.get('/', (req, res) => {
    const parsed = pageQuery.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({ error: `Parameter tidak sah / invalid parameters: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')}` });
      return;
    }
    res.set('Cache-Control', 'public, max-age=60').type('html').send(DASHBOARD_HTML);
  });
  router.use((_req, res) => void res.status(404).json({ error: 'Tidak ditemukan / not found' }));
  return router;
}
