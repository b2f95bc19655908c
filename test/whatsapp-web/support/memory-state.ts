// A ChannelStateStore in memory with the contract's atomicity: a setMany is applied whole or
// not at all (failNext makes the next one fail before anything is written). The hub's store
// over the database is exercised by the end-to-end test.
import type { ChannelStateStore } from '../../../src/core/channel.js';

export class MemoryStateStore implements ChannelStateStore {
  readonly data = new Map<string, string>();
  readonly setManyCalls: Record<string, string | null>[] = [];
  failNext = 0;

  async get(key: string): Promise<string | undefined> {
    return this.data.get(key);
  }

  async getMany(keys: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const key of keys) {
      const value = this.data.get(key);
      if (value !== undefined) found.set(key, value);
    }
    return found;
  }

  async setMany(entries: Record<string, string | null>): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('database unavailable');
    }
    this.setManyCalls.push(entries);
    for (const [key, value] of Object.entries(entries)) {
      if (value === null) this.data.delete(key);
      else this.data.set(key, value);
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const key of [...this.data.keys()]) if (key.startsWith(prefix)) this.data.delete(key);
  }

  keysStartingWith(prefix: string): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix));
  }
}
