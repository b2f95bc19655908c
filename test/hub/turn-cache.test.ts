// A chat's last turn remembered by its process (src/hub/turn-cache.ts): the next turn skips
// reading the rows, and a memory made stale by another process costs a retry, never a turn
// run on an old state.
import { describe, expect, it } from 'vitest';
import { TurnCache } from '../../src/hub/turn-cache.js';
import { confirmComplaint } from '../support/citizen.js';
import { twoHubsOnOneDatabase } from '../support/two-hubs.js';
import { WebchatClient, newSessionId, type ChatMessage } from '../support/webchat-client.js';

describe('TurnCache', () => {
  const turn = (id: string) => ({ citizen: { id: 'c', displayName: null, phone: null }, conversation: { id, state: {}, version: 0 } });

  it('hands an entry out once', () => {
    const cache = new TurnCache(10);
    cache.put('a', turn('1'));
    expect(cache.take('a')?.conversation.id).toBe('1');
    expect(cache.take('a')).toBeUndefined();
  });

  it('drops the least recently put chat beyond its capacity', () => {
    const cache = new TurnCache(2);
    cache.put('a', turn('1'));
    cache.put('b', turn('2'));
    cache.put('a', turn('3'));
    cache.put('c', turn('4'));
    expect(cache.size).toBe(2);
    expect(cache.take('b')).toBeUndefined();
    expect(cache.take('a')?.conversation.id).toBe('3');
  });
});

/** The web chat of the citizen flow with every message sent to the next hub in turn. */
class AlternatingChat extends WebchatClient {
  private sent = 0;
  readonly slots: (string | undefined)[] = [];

  constructor(private readonly urls: string[], sessionId = newSessionId()) {
    super(urls[0]!, sessionId);
  }

  override async say(content: Parameters<WebchatClient['say']>[0]): Promise<ChatMessage[]> {
    const chat = new WebchatClient(this.urls[this.sent++ % this.urls.length]!, this.sessionId);
    const replies = await chat.say(content);
    this.slots.push(replies.at(-1)?.expects?.slot);
    return replies;
  }
}

describe('turns of one chat on two hubs sharing one database', () => {
  const two = twoHubsOnOneDatabase();
  const { hubs } = two;

  it('runs a plain turn after the first in one statement', async () => {
    const chat = new WebchatClient(hubs[0]!.url);
    await chat.say({ text: 'halo' });
    two.statements.length = 0;
    await chat.say({ payload: 'PENGADUAN' });
    expect(two.statements).toHaveLength(1);
  });

  it('asks what a chat on one hub asks, whichever hub each message reaches', async () => {
    const alone = new AlternatingChat([hubs[0]!.url]);
    await confirmComplaint(alone);
    const alternating = new AlternatingChat([hubs[0]!.url, hubs[1]!.url]);
    await confirmComplaint(alternating);
    expect(alternating.slots).toEqual(alone.slots);

    const conversation = await two.db.prisma.conversation.findFirstOrThrow({ where: { chatId: alternating.sessionId } });
    // created by the first turn, written once by each of the 11 others
    expect(conversation.version).toBe(alternating.slots.length - 1);
    const complaints = await two.db.prisma.complaint.findMany({ where: { chatId: alternating.sessionId } });
    expect(complaints).toHaveLength(1);
    expect(complaints[0]).toMatchObject({ category: 'utilitas' });
  });
});
