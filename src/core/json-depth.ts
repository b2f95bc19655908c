// How deeply a parsed JSON value nests. A platform's webhook nests a few levels; a forged one
// can nest thousands, which PostgreSQL's jsonb refuses (stack depth) and which stops PGlite's
// WebAssembly engine for good: a webhook is checked before it is stored.

/** The largest nesting a stored webhook may have: Telegram and Meta stay far below it. */
export const MAX_WEBHOOK_DEPTH = 32;

/** true when objects and arrays nest deeper than `max` levels (iterative: no stack of its own to overflow). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(v)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
