// The getMessage store: every message the hub sent, kept so Baileys can answer a retry request
// (a phone that could not decrypt it asks again; without an answer the citizen sees "waiting
// for this message"). Kept in the state store as `sent:<id>`, with an index `sent-index`
// ([id, sentAt] oldest first) written in the same setMany, pruned by age and count.
import { proto } from '@whiskeysockets/baileys';
import type { ChannelStateStore } from '../../src/core/channel.js';
import { deserialise, serialise } from './auth-state.js';

export const SENT_PREFIX = 'sent:';
export const SENT_INDEX_KEY = 'sent-index';

export interface SentStoreLimits {
  /** a retry request comes within seconds or days; older messages are not asked for */
  maxAgeMs: number;
  maxCount: number;
}

export const DEFAULT_SENT_LIMITS: SentStoreLimits = { maxAgeMs: 7 * 24 * 3600_000, maxCount: 1000 };

type IndexEntry = [id: string, sentAt: number];

export class SentMessageStore {
  /** loaded once; writes are serialised by the pacer (one socket, one process) */
  private index: IndexEntry[] | undefined;

  constructor(
    private readonly store: ChannelStateStore,
    private readonly now: () => Date,
    private readonly limits: SentStoreLimits = DEFAULT_SENT_LIMITS,
  ) {}

  async remember(id: string, message: proto.IMessage): Promise<void> {
    const index = await this.loadIndex();
    const at = this.now().getTime();
    const entries: Record<string, string | null> = { [`${SENT_PREFIX}${id}`]: serialise(message) };
    const kept = index.filter(([known]) => known !== id);
    kept.push([id, at]);
    const oldest = at - this.limits.maxAgeMs;
    let drop = kept.findIndex(([, sentAt]) => sentAt >= oldest);
    if (drop < 0) drop = kept.length;
    drop = Math.max(drop, kept.length - this.limits.maxCount);
    for (const [gone] of kept.slice(0, drop)) entries[`${SENT_PREFIX}${gone}`] = null;
    const next = kept.slice(drop);
    entries[SENT_INDEX_KEY] = JSON.stringify(next);
    await this.store.setMany(entries);
    this.index = next;
  }

  /** Baileys' getMessage: the content of a message this number sent, or undefined. */
  async lookup(id: string | null | undefined): Promise<proto.IMessage | undefined> {
    if (!id) return undefined;
    const text = await this.store.get(`${SENT_PREFIX}${id}`);
    return text === undefined ? undefined : proto.Message.fromObject(deserialise<object>(text));
  }

  /** after a logout the state store was emptied */
  forget(): void {
    this.index = undefined;
  }

  private async loadIndex(): Promise<IndexEntry[]> {
    if (!this.index) {
      const text = await this.store.get(SENT_INDEX_KEY);
      this.index = text ? (JSON.parse(text) as IndexEntry[]) : [];
    }
    return this.index;
  }
}
