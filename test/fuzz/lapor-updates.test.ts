// Property-based: the hub's status poller against a fake LAPOR! whose GET /updates answers
// generated and mutated bodies, status codes and content types (filing goes to the real
// simulator behind it). A poll never throws or rejects unhandled, the hub stays up, and an
// answer that is not a valid page applies nothing and moves no cursor.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAPOR_STATUSES } from '../../src/core/taxonomy.js';
import { createLaporSimulator } from '../../src/simulator/index.js';
import { fileComplaint } from '../support/citizen.js';
import {
  expectAlive, fuzzParams, FUZZ_TIMEOUT_MS, mutated, nastyString, rawJsonText, recordUnhandledRejections, stored,
} from '../support/fuzz.js';
import { startTestHub, type TestHub } from '../support/hub.js';

const TOKEN = 'lapor-token-for-fuzz';
const unhandled = recordUnhandledRejections();
let server: Server;
let hub: TestHub;
let trackingId: string;
/** what the fake's GET /updates answers next */
let answer: { status: number; type: string; body: string } = { status: 200, type: 'application/json', body: '{"updates":[],"next_cursor":null}' };

beforeAll(async () => {
  const app = express();
  app.get('/lapor/updates', (_req, res) => void res.status(answer.status).type(answer.type || 'application/octet-stream').send(answer.body));
  app.use('/lapor', createLaporSimulator({ token: TOKEN }).router);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lapor`;
  hub = await startTestHub({ LAPOR_API_URL: url, LAPOR_API_TOKEN: TOKEN });
  ({ trackingId } = await fileComplaint(hub));
});
afterAll(async () => {
  await hub?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const at = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
let nextId = 1;
const validUpdate = fc.record({
  id: fc.constant(null).map(() => `u${nextId++}`),
  tracking_id: fc.oneof(fc.constant(null).map(() => trackingId), fc.stringMatching(/^[0-9]{7}$/)),
  type: fc.constant('status'),
  status: fc.constantFrom(...LAPOR_STATUSES),
  institution: fc.option(fc.oneof(fc.constant('Dinas PUPR Kota Bandung'), nastyString), { nil: undefined }),
  at,
});
const validPage = fc.record({
  updates: fc.array(validUpdate, { maxLength: 3 }),
  next_cursor: fc.constant(null).map(() => `c${nextId++}`),
});
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/html', 'text/plain', '');

/** anything /updates could answer: mutated pages, any status code, any content type */
const anyAnswer = fc.record({
  status: fc.oneof({ weight: 5, arbitrary: fc.constant(200) }, fc.constantFrom(201, 204, 301, 304, 400, 401, 403, 404, 409, 429, 500, 502, 503)),
  type: contentType,
  body: mutated(validPage).chain(rawJsonText),
});

/** answers that are certainly not a valid page: nothing of them may be applied */
const invalidAnswer = fc.oneof(
  fc.record({ status: fc.constantFrom(400, 401, 403, 404, 409, 429, 500, 502, 503), type: contentType, body: validPage.map((p) => JSON.stringify(p)) }),
  fc.record({ status: fc.constant(200), type: contentType, body: fc.constantFrom('', 'null', '[]', '"x"', '{', '<html>oops</html>', '{"updates":"x"}', '{"next_cursor":"c1"}', '{"updates":[null]}') }),
  fc.record({
    status: fc.constant(200), type: contentType,
    body: validPage.map((p) => JSON.stringify({ ...p, updates: p.updates.map((u) => ({ ...u, status: 'DONE' })).concat([{ id: 'ux', tracking_id: trackingId, type: 'status', status: 'DONE', at: 'yesterday' } as never]) })),
  }),
);

const cursor = async () => (await hub.prisma.keyValue.findMany({ where: { key: { startsWith: 'lapor-cursor:' } } })).map((r) => r.value);

describe('the status poller against generated /updates answers', () => {
  it('never throws, whatever /updates answers', async () => {
    await fc.assert(
      fc.asyncProperty(anyAnswer, async (generated) => {
        answer = generated;
        await expect(hub.poller.pollOnce()).resolves.toBeTypeOf('number');
      }),
      fuzzParams('lapor /updates, any answer'),
    );
    await expectAlive(hub.url);
  }, FUZZ_TIMEOUT_MS);

  it('applies nothing of an answer that is not a valid page and keeps its cursor', async () => {
    await fc.assert(
      fc.asyncProperty(invalidAnswer, async (generated) => {
        answer = generated;
        const before = { rows: await stored(hub.db, hub.config.DATA_DIR), cursor: await cursor() };
        await expect(hub.poller.pollOnce()).resolves.toBe(0);
        const after = { rows: await stored(hub.db, hub.config.DATA_DIR), cursor: await cursor() };
        // by design a 400 means "unknown cursor": the poller forgets it and re-reads the feed
        if (generated.status === 400 && after.cursor.length === 0) after.cursor = before.cursor;
        expect(after, `${generated.status} ${generated.body.slice(0, 200)}`).toEqual(before);
      }),
      fuzzParams('lapor /updates, invalid answers'),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('the run as a whole', () => {
  it('saw no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });
});
