// The database side of finding 2: every query's text arguments are made storable (NUL removed,
// an unpaired surrogate as U+FFFD), through Prisma's model API, raw SQL and transactions alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { hasUnstorableText, storableArgs, storableText } from '../../src/db/text-guard.js';
import { createTestDatabase } from '../support/db.js';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.close());

describe('storableText', () => {
  it.each([
    ['a\u0000b\u0000', 'ab'],
    ['x\ud800y', 'x\ufffdy'],
    ['\udc00', '\ufffd'],
    ['end \ud83d', 'end \ufffd'],
    ['👋 paired stays', '👋 paired stays'],
    ['plain', 'plain'],
  ])('%j becomes %j', (input, output) => {
    expect(storableText(input)).toBe(output);
    expect(hasUnstorableText(output)).toBe(false);
  });
});

describe('storableArgs', () => {
  it('gives back the very value when nothing needs cleaning', () => {
    const args = { where: { id: 'a' }, data: { text: '👋 ok', list: [1, 'b', { c: null }], at: new Date(0) } };
    expect(storableArgs(args)).toBe(args);
  });

  it('copies and cleans what holds NUL or a lone surrogate, in values and keys, at any depth', () => {
    const at = new Date(0);
    const args = { data: { ok: 'same', body: { list: ['x\u0000', { 'k\ud800': 'v' }] }, at } };
    const result = storableArgs(args) as typeof args;
    expect(result).toEqual({ data: { ok: 'same', body: { list: ['x', { 'k\ufffd': 'v' }] }, at } });
    expect(result.data.at).toBe(at);
    expect(args.data.body.list[0]).toBe('x\u0000'); // the caller's object is left as it was
  });

  it('leaves non-plain objects alone', () => {
    const buffer = Buffer.from('\u0000');
    expect(storableArgs([buffer])).toEqual([buffer]);
  });
});

describe('every query', () => {
  it('stores a model row with NUL and a lone surrogate in its text and JSON', async () => {
    const agency = await db.prisma.agency.create({
      data: { id: 'agency\u0000-nul', name: 'Dinas \ud800 PUPR', connectorConfig: { note: 'a\u0000b', ['k\u0000']: ['\udfff'] } },
    });
    expect(agency).toMatchObject({ id: 'agency-nul', name: 'Dinas \ufffd PUPR', connectorConfig: { note: 'ab', k: ['\ufffd'] } });
    expect(await db.prisma.agency.count({ where: { id: 'agency-nul\u0000' } })).toBe(1);
  });

  it('binds raw SQL values cleaned, tagged or unsafe, and leaves other values alone', async () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const [tagged] = await db.prisma.$queryRaw<{ t: string; d: Date }[]>`SELECT ${'a\u0000b\ud800'}::text AS t, ${at}::timestamptz AS d`;
    expect(tagged).toEqual({ t: 'ab\ufffd', d: at });
    const [unsafe] = await db.prisma.$queryRawUnsafe<{ t: string }[]>('SELECT $1::text AS t', 'c\u0000d');
    expect(unsafe!.t).toBe('cd');
    expect(await db.prisma.$executeRaw`UPDATE "Agency" SET name = ${'x\u0000y'} WHERE id = 'agency-nul'`).toBe(1);
  });

  it('cleans inside interactive and batch transactions', async () => {
    await db.prisma.$transaction(async (tx) => {
      await tx.agency.update({ where: { id: 'agency-nul' }, data: { name: 'in\u0000tx' } });
    });
    const [name] = await db.prisma.$transaction([db.prisma.agency.findUniqueOrThrow({ where: { id: 'agency\u0000-nul' } })]);
    expect(name.name).toBe('intx');
  });
});
