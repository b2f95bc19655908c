// A stand-in for WhatsApp behind Baileys' makeWASocket: each socket is an event emitter with
// Baileys' event names, driven by the test the way WhatsApp drives a real one (a QR to scan,
// pairing then 515, open, messages, 401/440 closes). It reads and writes the auth state it is
// given as Baileys does: creds.update after pairing and pre-key upload, keys.set for pre-keys
// and sessions. Sent messages come back as proto.WebMessageInfo, like Baileys' sendMessage.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { Boom } from '@hapi/boom';
import {
  DisconnectReason, proto, type AnyMessageContent, type BaileysEventMap, type Contact, type SignalKeyStore, type WAMessage,
  type WAPresence,
} from '@whiskeysockets/baileys';
import type { SocketConfig, WhatsappSocket } from '../../bots/whatsapp-web/socket.js';

export interface SentToChat {
  jid: string;
  content: AnyMessageContent;
  message: proto.WebMessageInfo;
  text: string;
}

const closeError = (statusCode: number, message: string) => new Boom(message, { statusCode });

export class FakeBaileysSocket implements WhatsappSocket {
  readonly ev: WhatsappSocket['ev'];
  private readonly emitter = new EventEmitter();
  user: Contact | undefined;
  readonly presences: { type: WAPresence; jid?: string }[] = [];
  readonly pairingCodeRequests: string[] = [];
  isOpen = false;
  ended = false;
  /** sendMessage calls to fail next (WhatsApp or the network away) */
  failSends = 0;

  constructor(readonly config: SocketConfig, private readonly whatsapp: FakeWhatsapp) {
    this.ev = {
      on: (event, listener) => void this.emitter.on(event, listener as (arg: unknown) => void),
      off: (event, listener) => void this.emitter.off(event, listener as (arg: unknown) => void),
    };
  }

  get creds() {
    return this.config.auth.creds;
  }

  get keys(): SignalKeyStore {
    return this.config.auth.keys;
  }

  emit<T extends keyof BaileysEventMap>(event: T, arg: BaileysEventMap[T]): void {
    this.emitter.emit(event, arg);
  }

  /** What Baileys does after connecting: log in with saved creds, or offer a QR. */
  async boot(): Promise<void> {
    this.emit('connection.update', { connection: 'connecting' });
    await tick();
    if (this.ended) return;
    if (this.creds.me && this.whatsapp.linked(this.creds)) {
      await this.uploadPreKeys();
      this.user = this.creds.me;
      this.isOpen = true;
      this.emit('connection.update', { connection: 'open' });
    } else {
      this.showQr();
    }
  }

  /** A new QR (WhatsApp rotates them about every 20 s). */
  showQr(): void {
    this.emit('connection.update', { qr: `2@${randomBytes(12).toString('base64')},${randomBytes(8).toString('base64')}` });
  }

  /** The phone scanned the QR (or typed the code): creds get `me`, then the expected 515 restart. */
  async pairSuccess(phoneDigits = '6281234567890'): Promise<void> {
    const me = { id: `${phoneDigits}:7@s.whatsapp.net`, name: 'Instansi' };
    this.whatsapp.link(this.creds.noiseKey.public, phoneDigits);
    this.emit('creds.update', { me, platform: 'android', registered: true, account: proto.ADVSignedDeviceIdentity.fromObject({ details: randomBytes(16) }) });
    this.emit('connection.update', { isNewLogin: true, qr: undefined });
    await tick();
    this.close(DisconnectReason.restartRequired, 'Stream Errored (restart required)');
  }

  /** Baileys uploads pre-keys on login: keys.set of a batch and creds.update of the counters. */
  private async uploadPreKeys(): Promise<void> {
    if (this.creds.nextPreKeyId > 1) return;
    const batch: Record<string, { public: Buffer; private: Buffer }> = {};
    for (let id = 1; id <= 5; id += 1) batch[String(id)] = { public: randomBytes(32), private: randomBytes(32) };
    await this.keys.set({ 'pre-key': batch });
    this.emit('creds.update', { nextPreKeyId: 6, firstUnuploadedPreKeyId: 6 });
  }

  /** WhatsApp closed the connection with this DisconnectReason. */
  close(statusCode: number, message = 'Connection Failure'): void {
    if (this.ended) return;
    this.ended = true;
    this.isOpen = false;
    this.emit('connection.update', { connection: 'close', lastDisconnect: { error: closeError(statusCode, message), date: new Date() } });
  }

  /** Messages arriving (a chat's session key is stored first, as decryption does). */
  async deliver(messages: WAMessage[], type: 'notify' | 'append' = 'notify'): Promise<void> {
    for (const message of messages) {
      if (message.key.remoteJid) await this.keys.set({ session: { [message.key.remoteJid]: randomBytes(24) } });
    }
    this.emit('messages.upsert', { messages, type });
  }

  async sendMessage(jid: string, content: AnyMessageContent): Promise<proto.WebMessageInfo | undefined> {
    if (!this.isOpen) throw closeError(DisconnectReason.connectionClosed, 'Connection Closed');
    if (this.failSends > 0) {
      this.failSends -= 1;
      throw closeError(DisconnectReason.timedOut, 'Timed Out');
    }
    const text = 'text' in content && typeof content.text === 'string' ? content.text : '';
    const message = proto.WebMessageInfo.fromObject({
      key: { remoteJid: jid, fromMe: true, id: `3EB0${randomBytes(9).toString('hex').toUpperCase()}` },
      message: { extendedTextMessage: { text } },
      messageTimestamp: Math.floor(Date.now() / 1000),
      status: proto.WebMessageInfo.Status.SERVER_ACK,
    });
    this.whatsapp.sent.push({ jid, content, message, text });
    this.whatsapp.notifySent();
    return message;
  }

  async sendPresenceUpdate(type: WAPresence, jid?: string): Promise<void> {
    if (!this.isOpen) throw closeError(DisconnectReason.connectionClosed, 'Connection Closed');
    this.presences.push({ type, jid });
    this.whatsapp.presences.push({ type, jid });
  }

  /** Like Baileys: sets creds.pairingCode and creds.me, returns 8 characters. */
  async requestPairingCode(phoneNumber: string): Promise<string> {
    if (!/^\d{8,15}$/.test(phoneNumber)) throw new Boom('invalid phone number', { statusCode: 400 });
    this.pairingCodeRequests.push(phoneNumber);
    const code = randomBytes(4).toString('hex').toUpperCase();
    this.emit('creds.update', { pairingCode: code, me: { id: `${phoneNumber}@s.whatsapp.net`, name: '~' } });
    this.whatsapp.pendingCode = { code, phone: phoneNumber, socket: this };
    return code;
  }

  async updateMediaMessage(message: proto.IWebMessageInfo): Promise<proto.IWebMessageInfo> {
    return message;
  }

  end(error: Error | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.isOpen = false;
    this.emit('connection.update', {
      connection: 'close',
      lastDisconnect: { error: error ?? closeError(DisconnectReason.connectionClosed, 'Connection Closed'), date: new Date() },
    });
  }

  async logout(): Promise<void> {
    this.whatsapp.unlink(this.creds.noiseKey.public);
    this.close(DisconnectReason.loggedOut, 'Intentional Logout');
  }
}

/** WhatsApp's side: the linked devices, and every socket the adapter made. */
export class FakeWhatsapp {
  readonly sockets: FakeBaileysSocket[] = [];
  readonly sent: SentToChat[] = [];
  readonly presences: { type: WAPresence; jid?: string }[] = [];
  /** media bytes by message id, served by download() like WhatsApp's CDN after decryption */
  readonly media = new Map<string, Buffer>();
  readonly downloads: string[] = [];
  pendingCode: { code: string; phone: string; socket: FakeBaileysSocket } | undefined;
  private readonly devices = new Map<string, string>();
  private sentWaiters: (() => void)[] = [];

  readonly makeSocket = (config: SocketConfig): FakeBaileysSocket => {
    const socket = new FakeBaileysSocket(config, this);
    this.sockets.push(socket);
    void socket.boot();
    return socket;
  };

  /** Baileys' downloadMediaMessage against the CDN: 410 Gone for unknown media. */
  readonly download = async (message: WAMessage): Promise<Buffer> => {
    const id = message.key.id ?? '';
    this.downloads.push(id);
    const data = this.media.get(id);
    if (!data) throw new Boom('Request failed with status code 410', { statusCode: 410 });
    return data;
  };

  get current(): FakeBaileysSocket | undefined {
    return this.sockets.at(-1);
  }

  link(noisePublic: Uint8Array, phone: string): void {
    this.devices.set(Buffer.from(noisePublic).toString('base64'), phone);
  }

  unlink(noisePublic: Uint8Array): void {
    this.devices.delete(Buffer.from(noisePublic).toString('base64'));
  }

  linked(creds: { noiseKey: { public: Uint8Array } }): boolean {
    return this.devices.has(Buffer.from(creds.noiseKey.public).toString('base64'));
  }

  /** The agency typed the pairing code on its phone. */
  async enterCode(code: string): Promise<void> {
    const pending = this.pendingCode;
    if (!pending || pending.code !== code.replace('-', '')) throw new Error('no such pairing code');
    this.pendingCode = undefined;
    await pending.socket.pairSuccess(pending.phone);
  }

  sentTo(jid: string): SentToChat[] {
    return this.sent.filter((m) => m.jid === jid);
  }

  notifySent(): void {
    const waiters = this.sentWaiters;
    this.sentWaiters = [];
    for (const wake of waiters) wake();
  }

  async waitForSent(jid: string, count: number, timeoutMs = 10_000): Promise<SentToChat[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.sentTo(jid).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages to the chat, got ${this.sentTo(jid).length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.sentWaiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
    return this.sentTo(jid);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

let counter = 0;
/** An incoming message as Baileys gives it (proto.WebMessageInfo), from a citizen's JID. */
export function incoming(jid: string, message: proto.IMessage, extra: { pushName?: string; fromMe?: boolean; senderPn?: string; id?: string } = {}): WAMessage {
  counter += 1;
  const info = proto.WebMessageInfo.fromObject({
    key: { remoteJid: jid, fromMe: extra.fromMe ?? false, id: extra.id ?? `IN${Date.now().toString(16).toUpperCase()}${counter}` },
    message,
    messageTimestamp: Math.floor(Date.now() / 1000),
    pushName: extra.pushName,
  });
  const key = extra.senderPn ? { ...info.key, senderPn: extra.senderPn } : info.key;
  return { ...info, key } as WAMessage;
}
