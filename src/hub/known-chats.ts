// The chats this process has run a turn of, by key: bounded, the least recently seen dropped
// first. A chat not here is most likely new (a web chat's first message), so its first turn is
// tried as the chat's first, in one statement (commitFirstTurn); a chat that exists after all
// (another process's, or dropped from here) costs that try once, and is known from then on.
export class KnownChats {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(key: string): boolean {
    return this.keys.has(key);
  }

  add(key: string): void {
    this.keys.delete(key);
    this.keys.add(key);
    // a Set iterates in insertion order: the first key is the least recently seen
    while (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
  }

  get size(): number {
    return this.keys.size;
  }
}
