// Property-based: POST /api/v1/webchat/sessions/:id/attachments with generated multipart
// bodies (field names, counts, sizes, content types, file bytes, boundaries) never answers
// 5xx, explains every 4xx in JSON, and keeps no row and no file of an upload it rejects.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_LIMITS } from '../../src/core/channel.js';
import {
  expectAlive, expectClientSafe, fuzzParams, FUZZ_TIMEOUT_MS, nastyString, pathSegment, rawRequest, recordUnhandledRejections, stored,
} from '../support/fuzz.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { newSessionId } from '../support/webchat-client.js';

const unhandled = recordUnhandledRejections();
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.close());

const MAGIC = {
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  webp: Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBP', 'latin1'),
  pdf: Buffer.from('%PDF-1.7\n'),
  gif: Buffer.from('GIF89a'),
  exe: Buffer.from('MZ\u0090\u0000'),
  none: Buffer.alloc(0),
};
const { maxBytes } = MEDIA_LIMITS;

/** file bytes: a known or foreign magic number, then random bytes up to a size around the limit */
const fileBytes = fc.tuple(
  fc.constantFrom(...Object.values(MAGIC)),
  fc.oneof(
    { weight: 6, arbitrary: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)) },
    fc.constantFrom(0, 1, maxBytes - 16, maxBytes, maxBytes + 1).map((n) => Buffer.alloc(n, 0x41)),
  ),
).map(([magic, rest]) => Buffer.concat([magic, rest]).subarray(0, Math.max(magic.length, rest.length + magic.length)));

const headerText = fc.oneof(fc.stringMatching(/^[\x20-\x7e]{0,40}$/), fc.constantFrom('', '"', '\\', 'é', '😀', '\u202e.exe'));

const part = fc.record({
  field: fc.oneof({ weight: 5, arbitrary: fc.constant('file') }, fc.constantFrom('', 'File', 'file[]', 'files', 'text'), headerText),
  filename: fc.option(fc.oneof(fc.constantFrom('foto.jpg', 'bukti.pdf', '../../x.png', '', '.jpg', 'a'.repeat(300)), headerText), { nil: undefined }),
  type: fc.option(fc.constantFrom('image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'text/plain', 'image/svg+xml', 'application/octet-stream', ''), { nil: undefined }),
  data: fileBytes,
});

const boundary = fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9'()+_,\-.\/:=?]{1,70}$/) }, fc.constantFrom('', ' ', 'a b', '"q"', '-'.repeat(200)));

/** a multipart body built from parts, sometimes broken on purpose (truncated, no closing boundary) */
const multipart = fc.record({
  boundary,
  parts: fc.array(part, { minLength: 0, maxLength: 3 }),
  ending: fc.constantFrom('closed', 'closed', 'closed', 'open', 'truncated', 'garbage'),
  contentType: fc.constantFrom('multipart/form-data; boundary=%b', 'multipart/form-data; boundary="%b"', 'multipart/form-data',
    'multipart/mixed; boundary=%b', 'application/json', 'image/jpeg', 'multipart/form-data; boundary=%b; charset=utf-16', ''),
}).map(({ boundary: b, parts, ending, contentType }) => {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.field}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    chunks.push(Buffer.from(`--${b}\r\nContent-Disposition: ${disposition}\r\n${p.type === undefined ? '' : `Content-Type: ${p.type}\r\n`}\r\n`), p.data, Buffer.from('\r\n'));
  }
  if (ending === 'closed') chunks.push(Buffer.from(`--${b}--\r\n`));
  if (ending === 'garbage') chunks.push(Buffer.from(`--${b}\r\nnonsense\r\n`));
  let body = Buffer.concat(chunks);
  if (ending === 'truncated') body = body.subarray(0, Math.floor(body.length / 2));
  return { body, contentType: contentType.replace('%b', b), summary: `${contentType} parts=${parts.map((p) => `${p.field}:${p.type}:${p.data.length}`).join(',')} ${ending}` };
});

const session = fc.oneof({ weight: 5, arbitrary: fc.constant(null).map(() => newSessionId()) }, pathSegment);

describe('POST /api/v1/webchat/sessions/:id/attachments, generated multipart bodies', () => {
  it('never answers 5xx, explains every 4xx in JSON, and keeps nothing it rejects', async () => {
    await fc.assert(
      fc.asyncProperty(session, multipart, async (id, { body, contentType, summary }) => {
        const before = await stored(hub.db, hub.config.DATA_DIR);
        const path = `/api/v1/webchat/sessions/${id}/attachments`;
        const res = await rawRequest(hub.url, { method: 'POST', path, body, headers: contentType ? { 'content-type': contentType } : {} });
        expectClientSafe(res, `POST ${path} ${summary}`);
        if (res.status >= 400) expect(await stored(hub.db, hub.config.DATA_DIR), `${res.status} ${summary}`).toEqual(before);
      }),
      fuzzParams('webchat POST /sessions/:id/attachments'),
    );
    await expectAlive(hub.url);
  }, FUZZ_TIMEOUT_MS);

  it('answers a body that is not multipart at all like the contract asks', async () => {
    await fc.assert(
      fc.asyncProperty(nastyString, fc.constantFrom('application/json', 'text/plain', ''), async (text, type) => {
        const before = await stored(hub.db, hub.config.DATA_DIR);
        const res = await rawRequest(hub.url, {
          method: 'POST', path: `/api/v1/webchat/sessions/${newSessionId()}/attachments`, body: text, headers: type ? { 'content-type': type } : {},
        });
        expectClientSafe(res, `POST attachments ${type} ${JSON.stringify(text.slice(0, 80))}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(await stored(hub.db, hub.config.DATA_DIR)).toEqual(before);
      }),
      fuzzParams('webchat POST attachments, not multipart'),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('the run as a whole', () => {
  it('saw no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });
});
