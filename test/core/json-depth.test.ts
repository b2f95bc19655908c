// Deep nesting is refused before a webhook is stored: jsonb refuses it on PostgreSQL, and it
// stopped PGlite's engine for good (every later query answered no rows) in the webhook fuzz.
import { describe, expect, it } from 'vitest';
import { MalformedWebhook, splitWebhook } from '../../bots/whatsapp-cloud/webhook-payload.js';
import { MAX_WEBHOOK_DEPTH, nestsDeeperThan } from '../../src/core/json-depth.js';

function nested(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(nestsDeeperThan('x', 0)).toBe(false);
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: [1, 2, { c: null }] }, 3)).toBe(false);
  });

  it('walks 100,000 levels without a stack overflow', () => {
    expect(nestsDeeperThan(nested(100_000), MAX_WEBHOOK_DEPTH)).toBe(true);
  });
});

describe('a WhatsApp webhook nested too deeply', () => {
  it('is malformed (400), never stored', () => {
    const body = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: nested(5_000) }] }] };
    expect(() => splitWebhook(body)).toThrow(MalformedWebhook);
    expect(() => splitWebhook(body)).toThrow(/nests deeper than 32/);
  });
});
