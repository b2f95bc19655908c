// A web chat client speaking contracts/webchat-api.md over real HTTP.
import { randomBytes } from 'node:crypto';

export interface ChatMessage {
  id: string;
  text: string;
  quickReplies?: { title: string; payload: string }[];
  expects?: { slot: string; type: string };
  createdAt: string;
}

export const newSessionId = () => randomBytes(18).toString('base64url');

export class WebchatClient {
  constructor(readonly baseUrl: string, readonly sessionId: string = newSessionId()) {}

  async post(body: Record<string, unknown>): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}/api/v1/webchat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: this.sessionId, ...body }),
    });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }

  /** sends and expects 200; returns the replies */
  async say(content: { text: string } | { payload: string } | { location: { latitude: number; longitude: number } }): Promise<ChatMessage[]> {
    const { status, body } = await this.post(content);
    if (status !== 200) throw new Error(`webchat answered ${status}: ${JSON.stringify(body)}`);
    return body.messages;
  }

  async history(after?: string): Promise<ChatMessage[]> {
    const res = await fetch(`${this.baseUrl}/api/v1/webchat/sessions/${this.sessionId}/messages${after ? `?after=${after}` : ''}`);
    if (res.status !== 200) throw new Error(`history answered ${res.status}`);
    return (await res.json()).messages;
  }
}

export const last = (messages: ChatMessage[]): ChatMessage => {
  const message = messages[messages.length - 1];
  if (!message) throw new Error('no reply');
  return message;
};
