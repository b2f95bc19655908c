// A citizen who answers whatever the bot asks (the bot may skip what its NLP understood), one
// message at a time, and can pick up again from the chat history after the hub was killed.
import type { ChatMessage } from '../support/webchat-client.js';
import { WebchatClient } from '../support/webchat-client.js';

type Content = { text: string } | { payload: string };

export class CitizenDriver {
  readonly chat: WebchatClient;
  /** the slot of the last question whose message reached us with a 200 */
  asked: string | undefined;
  /** sent a message and never got its answer (the hub died meanwhile) */
  uncertain = false;
  /** the confirm was answered 200 */
  confirmed = false;
  private started = false;

  constructor(baseUrl: string, private readonly n: number) {
    this.chat = new WebchatClient(baseUrl);
  }

  private answer(slot: string | undefined): Content {
    const publicReport = this.n % 3 === 0;
    switch (slot) {
      case undefined: return { payload: 'PENGADUAN' }; // the greeting's menu
      case 'classification': return { payload: 'PENGADUAN' };
      case 'description': return { text: `Lampu penerangan jalan nomor ${this.n} di Jl. Merdeka mati sudah dua minggu, rawan kejahatan.` };
      case 'category': return { payload: 'utilitas' };
      case 'location': return { text: 'Jl. Merdeka, Kota Bandung' };
      case 'date_of_incident': return { text: 'kemarin' };
      case 'title': return { text: `Lampu jalan mati nomor ${this.n}` };
      case 'attachments': return { payload: 'skip' };
      case 'privacy': return { payload: publicReport ? 'public' : 'anonymous' };
      case 'reporter_name': return { text: 'Budi Santoso' };
      case 'reporter_phone': return { text: '081298765432' };
      case 'confirm': return { payload: 'confirm' };
      default: throw new Error(`conversation ${this.n}: unexpected question ${slot}`);
    }
  }

  /** Sends the next message; false once confirmed. A failed request (hub gone) throws. */
  async step(): Promise<boolean> {
    if (this.confirmed) return false;
    const content = this.started ? this.answer(this.asked) : { text: 'halo' };
    this.uncertain = true;
    const replies = await this.send(content);
    this.uncertain = false;
    this.started = true;
    if (this.asked === 'confirm') {
      this.confirmed = true;
      return false;
    }
    this.asked = lastQuestion(replies);
    return true;
  }

  /**
   * After a restart: where the conversation stands, from the history. Returns the slot of the
   * question the hub last asked, or 'done' when the confirm was taken (a message follows it).
   */
  async resume(): Promise<string | undefined> {
    const history = await this.chat.history();
    this.started = history.length > 0;
    const at = lastIndexWhere(history, (m) => m.expects !== undefined);
    if (at >= 0 && history[at]!.expects!.slot === 'confirm' && at < history.length - 1) {
      this.confirmed = true;
      return 'done';
    }
    this.asked = at >= 0 ? history[at]!.expects!.slot : undefined;
    return this.asked;
  }

  private async send(content: Content): Promise<ChatMessage[]> {
    for (;;) {
      const { status, body, headers } = await this.chat.post(content);
      if (status === 200) return body.messages;
      // 30 citizens share one address: wait out the per-address limit like a browser would
      if (status === 429) {
        await new Promise((resolve) => setTimeout(resolve, Number(headers.get('retry-after') ?? 1) * 1000));
        continue;
      }
      throw new Error(`conversation ${this.n}: webchat answered ${status}: ${JSON.stringify(body)}`);
    }
  }
}

function lastIndexWhere<T>(list: T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return i;
  return -1;
}

function lastQuestion(replies: ChatMessage[]): string | undefined {
  return replies[lastIndexWhere(replies, (m) => m.expects !== undefined)]?.expects?.slot;
}
