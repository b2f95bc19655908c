// Property-based: the Bot API double serves generated and mutated updates to getUpdates;
// the hub keeps polling (a citizen who writes next still gets an answer), stays up, and
// nothing rejects unhandled. FUZZ_RUNS updates in all, ten per case before each check.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi } from '../doubles/telegram-bot-api.js';
import { expectAlive, fuzzParams, FUZZ_RUNS, FUZZ_TIMEOUT_MS, mutated, recordUnhandledRejections } from '../support/fuzz.js';
import type { TestHub } from '../support/hub.js';
import { startTelegramHub } from '../support/telegram-hub.js';
import { validUpdateBody } from '../support/telegram-updates.js';

const PER_CASE = 10;
const unhandled = recordUnhandledRejections();
let fake: FakeTelegramBotApi;
let hub: TestHub;
beforeAll(async () => {
  ({ fake, hub } = await startTelegramHub());
});
afterAll(async () => {
  await hub?.close();
  await fake?.stop();
});

/** an update body; what is not an object becomes a field of one (an update is always an object) */
const body = mutated(validUpdateBody).map((value) =>
  (value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : { message: value }));

let nextCitizen = 9_000_000;

describe('getUpdates serving generated and mutated updates', () => {
  it('keeps the hub polling and answering', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: PER_CASE, maxLength: PER_CASE }), async (bodies) => {
        for (const b of bodies) fake.pushUpdate(b as never);
        const citizen = { id: nextCitizen++, first_name: 'Sari', language_code: 'id' };
        fake.pushText(citizen, '/start');
        await fake.waitForSent(citizen.id, 1, 15_000);
        expect(hub.channels.get(hub.integrations.telegram!)!.health().status).not.toBe('disconnected');
      }),
      fuzzParams('telegram polling', Math.ceil(FUZZ_RUNS / PER_CASE)),
    );
    await expectAlive(hub.url);
  }, FUZZ_TIMEOUT_MS);
});

describe('the run as a whole', () => {
  it('saw no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });
});
