// Which replies of a batch share one platform message.
import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/messages.js';
import { joinReplies } from '../../src/hub/join-replies.js';

let n = 0;
const msg = (text: string, extra: Partial<OutboundMessage> = {}): { row: string; message: OutboundMessage } => {
  const id = `m${++n}`;
  return { row: id, message: { id, text, createdAt: new Date(1_700_000_000_000 + n), ...extra } };
};
const ask = (text: string) => msg(text, { quickReplies: [{ title: 'Ya', payload: 'yes' }], expects: { slot: 'confirm', type: 'choice' } });
const shape = (groups: ReturnType<typeof joinReplies<string>>) => groups.map((g) => ({ text: g.message.text, rows: g.rows }));

describe('joining a batch into platform messages', () => {
  it('an acknowledgement goes into the question after it, which keeps its buttons and id', () => {
    const [ack, question] = [msg('Oke, saya catat.'), ask('Kapan kejadiannya?')];
    const groups = joinReplies([ack, question], 4096);
    expect(shape(groups)).toEqual([{ text: 'Oke, saya catat.\n\nKapan kejadiannya?', rows: [ack.row, question.row] }]);
    expect(groups[0]!.message).toMatchObject({ id: question.message.id, quickReplies: question.message.quickReplies, expects: question.message.expects });
  });

  it('never joins a question into what follows it; plain messages join each other', () => {
    const [a, q, b, c] = [msg('a'), ask('q?'), msg('b'), msg('c')];
    expect(shape(joinReplies([a, q, b, c], 100))).toEqual([
      { text: 'a\n\nq?', rows: [a.row, q.row] },
      { text: 'b\n\nc', rows: [b.row, c.row] },
    ]);
  });

  it('stops joining where the text would pass maxTextLength; a single long message stays whole', () => {
    const [a, b, long] = [msg('x'.repeat(6)), msg('y'.repeat(4)), msg('z'.repeat(30))];
    expect(shape(joinReplies([a, b], 12))).toEqual([{ text: `${'x'.repeat(6)}\n\n${'y'.repeat(4)}`, rows: [a.row, b.row] }]);
    expect(shape(joinReplies([a, b], 11)).map((g) => g.rows)).toEqual([[a.row], [b.row]]);
    expect(shape(joinReplies([long], 12))).toEqual([{ text: 'z'.repeat(30), rows: [long.row] }]);
  });

  it('joins nothing when the adapter states no maxTextLength', () => {
    const [a, q] = [msg('a'), ask('q?')];
    expect(joinReplies([a, q], undefined).map((g) => g.rows)).toEqual([[a.row], [q.row]]);
  });
});
