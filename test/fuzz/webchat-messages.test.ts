// Property-based: POST /api/v1/webchat/messages and GET .../sessions/:id/messages?after=
// with valid, mutated and random requests never answer 5xx, explain every 4xx in JSON,
// and store nothing for a request they reject.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAlive, expectClientSafe, fuzzParams, FUZZ_TIMEOUT_MS, mutated, nastyString, pathSegment, queryValue, rawJsonText, rawRequest,
  recordUnhandledRejections, stored,
} from '../support/fuzz.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { newSessionId, WebchatClient } from '../support/webchat-client.js';

const unhandled = recordUnhandledRejections();
let hub: TestHub;
let knownSession: string;
let knownMessageIds: string[];
beforeAll(async () => {
  hub = await startTestHub();
  const chat = new WebchatClient(hub.url);
  knownSession = chat.sessionId;
  knownMessageIds = (await chat.say({ text: 'halo' })).map((m) => m.id);
});
afterAll(async () => hub?.close());

const validMessage = fc.record({
  sessionId: fc.constant(null).map(() => newSessionId()), // fresh per case: the per-session limit stays out of the way
  content: fc.oneof(
    fc.record({ text: fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), nastyString) }),
    fc.record({ payload: fc.constantFrom('PENGADUAN', 'ASPIRASI', 'yes', 'no', 'skip', 'confirm', 'cancel', 'share_location') }),
    fc.record({ location: fc.record({ latitude: fc.double({ min: -90, max: 90, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }) }) }),
  ),
  language: fc.option(fc.constantFrom('id', 'en'), { nil: undefined }),
}).map(({ sessionId, content, language }) => ({ sessionId, ...content, ...(language && { language }) }));

const contentType = fc.oneof(
  { weight: 5, arbitrary: fc.constant('application/json') },
  fc.constantFrom('application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x', 'application/vnd.api+json', 'application/json; charset=utf-16', ''),
);

const messageRequest = fc.tuple(mutated(validMessage).chain(rawJsonText), contentType);

describe('POST /api/v1/webchat/messages, generated and mutated bodies', () => {
  it('never answers 5xx, explains every 4xx in JSON, and stores nothing it rejects', async () => {
    await fc.assert(
      fc.asyncProperty(messageRequest, async ([body, type]) => {
        const before = await stored(hub.db, hub.config.DATA_DIR);
        const res = await rawRequest(hub.url, {
          method: 'POST', path: '/api/v1/webchat/messages', body, headers: type ? { 'content-type': type } : {},
        });
        expectClientSafe(res, `POST messages ${type} ${body.slice(0, 200)}`);
        if (res.status >= 400) expect(await stored(hub.db, hub.config.DATA_DIR)).toEqual(before);
      }),
      fuzzParams('webchat POST /messages'),
    );
    await expectAlive(hub.url);
  }, FUZZ_TIMEOUT_MS);
});

describe('GET /api/v1/webchat/sessions/:id/messages, generated ids and cursors', () => {
  const session = fc.oneof(fc.constant(null).map(() => knownSession), fc.constant(null).map(() => newSessionId()), pathSegment);
  const after = fc.oneof(
    fc.constant(''),
    fc.constant(null).map(() => `?after=${encodeURIComponent(knownMessageIds[0]!)}`),
    queryValue.map((v) => `?after=${v}`),
    fc.tuple(queryValue, queryValue).map(([a, b]) => `?after=${a}&after=${b}`),
    queryValue.map((v) => `?after[x]=${v}`),
    queryValue.map((v) => `?${v}`),
  );

  it('never answers 5xx, explains every 4xx in JSON, and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(session, after, async (id, query) => {
        const before = await stored(hub.db, hub.config.DATA_DIR);
        const path = `/api/v1/webchat/sessions/${id}/messages${query}`;
        const res = await rawRequest(hub.url, { method: 'GET', path });
        expectClientSafe(res, `GET ${path}`);
        if (res.status === 200) expect(Array.isArray(JSON.parse(res.text).messages), path).toBe(true);
        expect(await stored(hub.db, hub.config.DATA_DIR)).toEqual(before);
      }),
      fuzzParams('webchat GET /sessions/:id/messages'),
    );
    await expectAlive(hub.url);
  }, FUZZ_TIMEOUT_MS);
});

describe('the run as a whole', () => {
  it('saw no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });
});
