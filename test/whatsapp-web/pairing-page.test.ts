// GET /admin/whatsapp-web over real HTTP, inside the hub's express app (its CSP included):
// the QR as an image, the code, the connected state; only with the admin key or from this machine.
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../src/core/channel.js';
import { createHttpApp } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics.js';
import { harness, until, type Harness } from './support/adapter-harness.js';

const KEY = 'k'.repeat(32);

function appFor(adapter: ChannelAdapter) {
  return createHttpApp({
    logger: createLogger('silent'),
    metrics: createMetrics(),
    readiness: async () => ({ ok: true, checks: {} }),
    mounts: (adapter.routes?.() ?? []).map((r) => [r.path, r.handler] as [string, typeof r.handler]),
  });
}

const running: Harness[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.adapter.stop();
});

describe('the WhatsApp Web pairing page', () => {
  it('shows the current QR as a PNG data URL with a nonce script that refreshes, then "connected"', async () => {
    const h = harness();
    running.push(h);
    await h.adapter.start();
    await until(() => h.pairing.some((e) => e.type === 'qr'));
    const app = appFor(h.adapter);
    await until(async () => (await request(app).get('/admin/whatsapp-web').set('Host', 'localhost')).text.includes('data:image/png;base64,'));

    const res = await request(app).get('/admin/whatsapp-web').set('Host', 'localhost');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    expect(res.text).toMatch(/Pindai|Perangkat tertaut/);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/img-src[^;]*data:/);
    const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(csp)![1];
    expect(res.text).toContain(`<script nonce="${nonce}">`);
    expect(res.text).toContain('location.reload()');

    const png = await request(app).get('/admin/whatsapp-web/qr.png').set('Host', 'localhost');
    expect(png.headers['content-type']).toBe('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    const json = await request(app).get('/admin/whatsapp-web/state.json').set('Host', 'localhost');
    expect(json.body).toMatchObject({ status: 'disconnected', qrImage: expect.stringMatching(/^data:image\/png;base64,/) });
    expect(json.body).not.toHaveProperty('qr');

    await h.whatsapp.current!.pairSuccess();
    await until(() => h.adapter.health().status === 'connected');
    await until(async () => (await request(app).get('/admin/whatsapp-web/state.json').set('Host', 'localhost')).body.status === 'connected');
    const done = await request(app).get('/admin/whatsapp-web').set('Host', 'localhost');
    expect(done.text).toContain('sudah terhubung');
    expect(done.text).not.toContain('data:image/png');
    expect((await request(app).get('/admin/whatsapp-web/qr.png').set('Host', 'localhost')).status).toBe(404);
  });

  it('shows a pairing code when pairing by phone number', async () => {
    const h = harness({ tuning: { pairingPhone: '6281234567890' } });
    running.push(h);
    await h.adapter.start();
    const event = await until(() => h.pairing.find((e) => e.type === 'code'));
    const res = await request(appFor(h.adapter)).get('/admin/whatsapp-web').set('Host', 'localhost');
    expect(res.text).toContain(event.type === 'code' ? event.code : 'none');
  });

  it('without ADMIN_API_KEY: answers only direct requests from this machine (403 JSON otherwise)', async () => {
    const h = harness();
    running.push(h);
    const app = appFor(h.adapter);
    const proxied = await request(app).get('/admin/whatsapp-web').set('Host', 'localhost').set('X-Forwarded-For', '203.0.113.9');
    expect(proxied.status).toBe(403);
    expect(proxied.body.error).toMatch(/this machine/);
    const rebinding = await request(app).get('/admin/whatsapp-web').set('Host', 'evil.example');
    expect(rebinding.status).toBe(403);
    expect((await request(app).get('/admin/whatsapp-web/qr.png').set('Host', 'evil.example')).status).toBe(403);
  });

  it('with ADMIN_API_KEY: needs the bearer key, from anywhere (401 JSON otherwise)', async () => {
    const h = harness({ settings: { adminApiKey: KEY } });
    running.push(h);
    const app = appFor(h.adapter);
    const missing = await request(app).get('/admin/whatsapp-web').set('Host', 'localhost');
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatch(/Bearer/);
    expect((await request(app).get('/admin/whatsapp-web').set('Authorization', 'Bearer wrong-key-wrong-key')).status).toBe(401);
    expect((await request(app).get('/admin/whatsapp-web/state.json').set('Authorization', `Bearer ${KEY}`)).status).toBe(200);
    const viaProxy = await request(app).get('/admin/whatsapp-web').set('Host', 'hub.example.go.id')
      .set('X-Forwarded-For', '203.0.113.9').set('Authorization', `Bearer ${KEY}`);
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.text).toContain('Hubungkan WhatsApp');
  });
});
