// PostgreSQL cannot store U+0000 in text, and Prisma's query compiler rejects a string with an
// unpaired surrogate before it reaches the driver. Text from platforms (a Telegram update,
// LAPOR!'s feed) must still be stored, not refused forever on redelivery, so every argument of
// every query is cleaned here, once: NUL removed, an unpaired surrogate replaced by U+FFFD.
// HTTP clients never get this far with such text: src/http/text-guard.ts answers them 400.
import { Prisma, type PrismaClient } from '@prisma/client';

// code units, not code points (no `u` flag): a high surrogate not followed by a low one, or a
// low one not preceded by a high one
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// the client does not export the class of a tagged $queryRaw`...` query; an empty one has it
const Sql = Prisma.sql``.constructor as new (strings: readonly string[], values: readonly unknown[]) => Prisma.Sql;

/** A string PostgreSQL can store: NUL removed, unpaired surrogates as U+FFFD. */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '').replace(UNPAIRED_SURROGATE, '\uFFFD');
}

/** true when `text` holds a NUL or an unpaired surrogate. */
export function hasUnstorableText(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** Cleans strings in query arguments: plain objects (keys too), arrays and raw SQL values. */
export function storableArgs(value: unknown): unknown {
  // nearly every argument is storable as it is: checked without copying, copied only to clean
  return isStorable(value) ? value : cleaned(value);
}

// Date, Buffer, Decimal, Prisma.JsonNull and the like pass untouched
const isPlainObject = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

function isStorable(value: unknown): boolean {
  if (typeof value === 'string') return !hasUnstorableText(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isStorable);
  if (value instanceof Sql) return value.values.every(isStorable);
  if (!isPlainObject(value)) return true;
  for (const key in value) {
    if (hasUnstorableText(key) || !isStorable((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function cleaned(value: unknown): unknown {
  if (typeof value === 'string') return hasUnstorableText(value) ? storableText(value) : value;
  if (Array.isArray(value)) return value.map(cleaned);
  if (value instanceof Sql) return new Sql(value.strings, value.values.map(cleaned));
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [cleaned(key), cleaned(item)]));
  }
  return value;
}

/** The same client, with every query's arguments cleaned first (transactions included). */
export function withStorableText(prisma: PrismaClient): PrismaClient {
  return prisma.$extends({
    name: 'storable-text',
    query: { $allOperations: ({ args, query }) => query(storableArgs(args) as never) },
  }) as unknown as PrismaClient;
}
