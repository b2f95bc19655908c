// A citizen filing a whole report through the web chat (test/support/citizen.ts's flow),
// from an address of their own so that many reports stay under the per-address rate limit.
import { confirmComplaint } from '../../test/support/citizen.js';
import { WebchatClient, type ChatMessage } from '../../test/support/webchat-client.js';

/** WebchatClient behind a reverse proxy: its own X-Forwarded-For. */
export class BenchCitizen extends WebchatClient {
  constructor(baseUrl: string, readonly address: string) {
    super(baseUrl);
  }

  override async post(body: Record<string, unknown>): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}/api/v1/webchat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': this.address },
      body: JSON.stringify({ sessionId: this.sessionId, ...body }),
    });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }

  /** Types the report flow up to `confirm` (the forward is then queued). */
  async confirm(): Promise<void> {
    await confirmComplaint(this);
  }

  /** Waits until the chat shows the 7-digit LAPOR! tracking number: the report was forwarded. */
  async untilForwarded(timeoutMs = 60_000, stepMs = 100): Promise<{ trackingId: string; last: ChatMessage }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = await this.history();
      const filed = messages.find((m) => /\b\d{7}\b/.test(m.text));
      if (filed) return { trackingId: /\b(\d{7})\b/.exec(filed.text)![1]!, last: messages[messages.length - 1]! };
      if (Date.now() > deadline) throw new Error(`no tracking number in session ${this.sessionId} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, stepMs));
    }
  }
}
