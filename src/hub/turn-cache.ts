// What a chat's last turn in this process committed (its citizen, its conversation at the new
// version), so that the chat's next turn need not read it back: one statement per turn
// instead of two. Sound under the optimistic lock: a turn commits only at the version it ran
// on, so an entry that another process (or another writer here) made stale fails its commit,
// and the retry reads the row afresh. Bounded: the least recently used chat goes first.
import type { TurnCitizen, TurnConversation } from './turn-sql.js';

export interface CachedTurn {
  citizen: TurnCitizen;
  conversation: TurnConversation;
}

export class TurnCache {
  private readonly entries = new Map<string, CachedTurn>();

  constructor(private readonly capacity: number) {}

  /** The chat's entry, removed: a turn that fails leaves none behind to run on again. */
  take(key: string): CachedTurn | undefined {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry;
  }

  put(key: string, turn: CachedTurn): void {
    this.entries.delete(key);
    this.entries.set(key, turn);
    // a Map iterates in insertion order: the first key is the least recently used
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
