// The part of a Baileys socket the adapter uses. Baileys' makeWASocket returns a superset;
// tests pass a fake (test/doubles/baileys-socket.ts) with the same events and methods.
import makeWASocket, {
  type AnyMessageContent, type BaileysEventEmitter, type Contact, type proto, type UserFacingSocketConfig, type WAPresence,
} from '@whiskeysockets/baileys';

export interface WhatsappSocket {
  ev: Pick<BaileysEventEmitter, 'on' | 'off'>;
  user: Contact | undefined;
  sendMessage(jid: string, content: AnyMessageContent): Promise<proto.IWebMessageInfo | undefined>;
  sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  /** asks WhatsApp to send a media file again when its link expired (downloadMediaMessage uses it) */
  updateMediaMessage(message: proto.IWebMessageInfo): Promise<proto.IWebMessageInfo>;
  /** closes the connection; `connection.update` reports the close */
  end(error: Error | undefined): void;
  logout(msg?: string): Promise<void>;
}

export type SocketConfig = UserFacingSocketConfig;
export type MakeSocket = (config: SocketConfig) => WhatsappSocket;

export const defaultMakeSocket: MakeSocket = (config) => makeWASocket(config);
