// lapor_hub_integration_health follows each running adapter's health() at scrape time:
// connected 1, degraded 0.5, disconnected 0 (a channel added by one line, as in the registry tests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/app.js';
import { createTestDatabase } from '../support/db.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { FakeChannelProbe, fakeChannel } from '../registry/fake-channel.js';
import { scrape } from './scrape.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let hub: TestHub;
const probe = new FakeChannelProbe();

beforeAll(async () => {
  db = await createTestDatabase();
  hub = await startTestHub({}, { db, workers: false, channelFactories: [...CHANNELS, fakeChannel(probe, { id: 'fake-health' })] });
});
afterAll(async () => {
  await hub?.close();
  await db?.close();
});

const healthOf = async (integration: string) =>
  (await scrape(hub.url)).samples.filter((s) => s.name === 'lapor_hub_integration_health' && s.labels.integration === integration);

describe('integration health gauge', () => {
  it('is 1, 0.5 or 0 as the adapter says, labelled with its id and type', async () => {
    expect(await healthOf('fake-health')).toEqual([{ name: 'lapor_hub_integration_health', labels: { integration: 'fake-health', type: 'whatsapp-cloud' }, value: 1 }]);
    probe.health = { status: 'degraded', detail: 'slow' };
    expect((await healthOf('fake-health')).map((s) => s.value)).toEqual([0.5]);
    probe.health = { status: 'disconnected', detail: 'token refused' };
    expect((await healthOf('fake-health')).map((s) => s.value)).toEqual([0]);
  });

  it('drops an integration that no longer runs here', async () => {
    await hub.channels.stop();
    expect(await healthOf('fake-health')).toEqual([]);
  });
});
