// The WhatsApp Web channel: one Baileys socket for the agency's number. It keeps the session
// in the database (auth-state.ts), follows the connection's lifecycle by DisconnectReason
// (disconnect.ts), turns messages into InboundMessages (inbound.ts, media.ts) and sends the
// hub's replies paced (pacing.ts). It translates; it never decides what to say.
import { setTimeout as delay } from 'node:timers/promises';
import {
  Browsers, downloadMediaMessage, makeCacheableSignalKeyStore,
  type BaileysEventMap, type ConnectionState, type WAMessage,
} from '@whiskeysockets/baileys';
import QRCode from 'qrcode';
import {
  ChannelError, type ChannelAdapter, type ChannelContext, type ChannelHealth, type IntegrationSpec, type SendResult,
} from '../../src/core/channel.js';
import type { InboundContent, InboundMessage, OutboundMessage } from '../../src/core/messages.js';
import { withNumberedOptions } from '../../src/core/numbered-options.js';
import { loadAuthState, type StoredAuthState } from './auth-state.js';
import { afterClose, backoffDelay, DEFAULT_BACKOFF, statusCodeOf } from './disconnect.js';
import { isCrowdJid, isPersonJid, pairingDigits } from './jid.js';
import { silentBaileysLogger } from './baileys-logger.js';
import { fetchEvidence } from './media.js';
import { DEFAULT_PACING, Pacer } from './pacing.js';
import { PAIRING_PAGE_PATH, pairingPage } from './pairing-page.js';
import { writePairing, type PairingState } from './pairing-state.js';
import { route } from './inbound.js';
import { DEFAULT_SENT_LIMITS, SentMessageStore } from './sent-store.js';
import { defaultMakeSocket, type WhatsappSocket } from './socket.js';
import type { PairingEvent, WhatsappWebTuning } from './tuning.js';

/** WhatsApp's limit for one text message */
export const MAX_TEXT = 4096;
const STOP_DRAIN_MS = 10_000;

export interface WhatsappWebSettings {
  /** ADMIN_API_KEY: the pairing page's key (without it, the page answers on this machine only) */
  adminApiKey?: string;
  /** where its pairing page is served (default /admin/whatsapp-web; a number added through the
   *  admin API has its own, /admin/whatsapp-web/<integration id>) */
  pagePath?: string;
}

/** one error line without personal data: the Boom status code or the error's class */
function describe(err: unknown): string {
  const code = statusCodeOf(err);
  if (code !== undefined) return `status ${code}`;
  return err instanceof Error ? err.name : 'unknown error';
}

function chunks(text: string, size: number): string[] {
  if (text.length <= size) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const cut = rest.lastIndexOf('\n', size) > size / 2 ? rest.lastIndexOf('\n', size) : size;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest) parts.push(rest);
  return parts;
}

export function createWhatsappWebAdapter(spec: IntegrationSpec, context: ChannelContext, tuning: WhatsappWebTuning = {}): ChannelAdapter {
  const settings = spec.settings as WhatsappWebSettings;
  const log = context.logger;
  const makeSocket = tuning.makeSocket ?? defaultMakeSocket;
  const download = tuning.downloadMedia ?? ((message: WAMessage, socket: WhatsappSocket) => downloadMediaMessage(message, 'buffer', {}, {
    reuploadRequest: socket.updateMediaMessage as (m: WAMessage) => Promise<WAMessage>,
    logger: silentBaileysLogger,
  }));
  const backoff = { ...DEFAULT_BACKOFF, ...tuning.backoff };
  const pacer = new Pacer({ ...DEFAULT_PACING, ...tuning.pacing });
  const sent = new SentMessageStore(context.state, context.now, { ...DEFAULT_SENT_LIMITS, ...tuning.sentStore });
  const inboundRetry = { attempts: 12, minDelayMs: 1000, maxDelayMs: 60_000, ...tuning.inboundRetry };
  const terminal = tuning.terminal === undefined ? process.stdout : tuning.terminal;
  const pairingPhone = tuning.pairingPhone === undefined ? undefined : pairingDigits(tuning.pairingPhone);

  let health: ChannelHealth = { status: 'disconnected', detail: 'not started' };
  let socket: WhatsappSocket | undefined;
  let open = false;
  let auth: StoredAuthState | undefined;
  /** creds writes one after the other: each writes the whole creds object as it is then */
  let credsWrites: Promise<void> = Promise.resolve();
  let pairingWrites: Promise<void> = Promise.resolve();
  /** failed or closed connections since the last open one (the backoff's attempt) */
  let failures = 0;
  let codeRequested = false;
  let lifecycle = new AbortController();
  let reconnecting: Promise<void> | undefined;
  /** messages being handed over, per chat one after the other (a chat's order is kept) */
  const chatTails = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();

  const emit = (event: PairingEvent) => {
    try {
      tuning.onPairing?.(event);
    } catch {
      // an observer's failure is not the channel's
    }
  };

  /** the returned write never rejects (a failure is logged) */
  function setHealth(next: ChannelHealth, pairing: Omit<PairingState, 'status' | 'detail' | 'at'> = {}): Promise<void> {
    health = next;
    context.reportStatus(next);
    const state: PairingState = { status: next.status, ...(next.detail ? { detail: next.detail } : {}), ...pairing, at: context.now().getTime() };
    // one after the other: the page never shows an older state than the last one
    pairingWrites = pairingWrites.then(() => writePairing(context.state, state))
      .catch((err: unknown) => log.warn({ integrationId: spec.id, err: describe(err) }, 'whatsapp-web pairing state not stored'));
    return pairingWrites;
  }

  function print(text: string): void {
    terminal?.write(text);
  }

  async function connect(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    auth ??= await loadAuthState(context.state);
    if (signal.aborted) return;
    const current = auth;
    const sock = makeSocket({
      auth: { creds: current.state.creds, keys: makeCacheableSignalKeyStore(current.state.keys, silentBaileysLogger) },
      logger: silentBaileysLogger,
      printQRInTerminal: false,
      browser: Browsers.ubuntu('Chrome'),
      // the phone keeps its notifications; the hub does not look "online" all day
      markOnlineOnConnect: false,
      syncFullHistory: false,
      shouldIgnoreJid: (jid) => isCrowdJid(jid),
      getMessage: (key) => sent.lookup(key.id),
    });
    socket = sock;
    open = false;
    codeRequested = false;
    sock.ev.on('creds.update', (update: BaileysEventMap['creds.update']) => {
      credsWrites = credsWrites.then(() => current.saveCreds(update)).catch((err: unknown) => {
        log.error({ integrationId: spec.id, err: describe(err) }, 'whatsapp-web credentials not stored');
      });
    });
    sock.ev.on('connection.update', (update: BaileysEventMap['connection.update']) => {
      if (sock !== socket) return; // a socket already replaced
      onConnection(sock, update).catch((err: unknown) => log.warn({ integrationId: spec.id, err: describe(err) }, 'whatsapp-web connection update failed'));
    });
    sock.ev.on('messages.upsert', (upsert: BaileysEventMap['messages.upsert']) => {
      // 'append' too: messages that waited on WhatsApp's servers while the socket was down come
      // so (Baileys: node.attrs.offline); own messages, stubs and crowds are dropped by route()
      if (sock !== socket) return;
      for (const message of upsert.messages) accept(sock, message);
    });
  }

  async function onConnection(sock: WhatsappSocket, update: Partial<ConnectionState>): Promise<void> {
    if (update.qr) await offerPairing(sock, update.qr);
    if (update.connection === 'open') {
      open = true;
      failures = 0;
      setHealth({ status: 'connected' });
      log.info({ integrationId: spec.id }, 'whatsapp-web connected');
      emit({ type: 'open' });
    }
    if (update.connection === 'close') {
      open = false;
      socket = undefined;
      if (lifecycle.signal.aborted) return;
      await closed(update.lastDisconnect?.error);
    }
  }

  async function offerPairing(sock: WhatsappSocket, qr: string): Promise<void> {
    if (pairingPhone) {
      if (codeRequested) return;
      codeRequested = true;
      let code: string;
      try {
        code = await sock.requestPairingCode(pairingPhone);
      } catch (err) {
        codeRequested = false;
        log.warn({ integrationId: spec.id, err: describe(err) }, 'whatsapp-web pairing code not received');
        emit({ type: 'error', detail: `pairing code not received (${describe(err)})` });
        return;
      }
      const shown = code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
      print(`\nKode pairing WhatsApp / WhatsApp pairing code: ${shown}\n`
        + 'Di ponsel: Perangkat tertaut → Tautkan perangkat → Tautkan dengan nomor telepon.\n'
        + 'On the phone: Linked devices → Link a device → Link with phone number instead.\n\n');
      setHealth({ status: 'disconnected', detail: 'waiting for the pairing code to be entered on the phone' }, { pairingCode: shown });
      emit({ type: 'code', code: shown });
      return;
    }
    if (terminal) {
      const art = await QRCode.toString(qr, { type: 'terminal', small: true });
      print(`\nPindai kode QR ini di WhatsApp → Perangkat tertaut / Scan this QR in WhatsApp → Linked devices:\n${art}\n`);
    }
    setHealth({ status: 'disconnected', detail: 'waiting to be paired: scan the QR code' }, { qr });
    emit({ type: 'qr', qr });
  }

  async function closed(error: unknown): Promise<void> {
    const next = afterClose(error);
    switch (next.action) {
      case 'restart':
        log.info({ integrationId: spec.id }, 'whatsapp-web restart required; reconnecting');
        setHealth({ status: 'degraded', detail: 'restarting the connection' });
        return start(lifecycle.signal);
      case 'pair-again':
        log.warn({ integrationId: spec.id }, 'whatsapp-web logged out by the phone; the session is cleared and a new QR offered');
        await credsWrites;
        auth = undefined;
        sent.forget();
        try {
          await context.state.deletePrefix('');
        } catch (err) {
          log.error({ integrationId: spec.id, err: describe(err) }, 'whatsapp-web session not cleared');
        }
        setHealth({ status: 'disconnected', detail: 'logged out: pair the number again' });
        emit({ type: 'logged-out' });
        return start(lifecycle.signal);
      case 'give-up':
        log.warn({ integrationId: spec.id }, 'whatsapp-web connection replaced: another instance took the number; not reconnecting');
        setHealth({ status: 'degraded', detail: 'another instance took the number (connection replaced); restart this one to take it back' });
        emit({ type: 'replaced' });
        return;
      case 'reconnect':
        failures += 1;
        scheduleReconnect(next.code);
    }
  }

  function scheduleReconnect(code: number | undefined): void {
    const signal = lifecycle.signal;
    const waitMs = backoffDelay(failures, backoff);
    const paired = Boolean(auth?.state.creds.me);
    setHealth(paired
      ? { status: 'degraded', detail: `reconnecting (attempt ${failures}${code ? `, last close ${code}` : ''})` }
      : { status: 'disconnected', detail: 'not paired; connecting again to offer a new QR code' });
    log.warn({ integrationId: spec.id, attempt: failures, code, retryInMs: waitMs }, 'whatsapp-web closed; reconnecting');
    reconnecting = delay(waitMs, undefined, { signal }).then(() => start(signal), () => undefined);
  }

  /** A socket, or a reconnect scheduled: never throws. */
  async function start(signal: AbortSignal): Promise<void> {
    try {
      await connect(signal);
    } catch (err) {
      if (signal.aborted) return;
      failures += 1;
      log.warn({ integrationId: spec.id, err: describe(err) }, 'whatsapp-web socket not created');
      scheduleReconnect(statusCodeOf(err));
    }
  }

  function accept(sock: WhatsappSocket, message: WAMessage): void {
    const target = route(message, context.now);
    if (target.to === 'ignore') {
      log.debug({ integrationId: spec.id, why: target.why }, 'whatsapp-web message ignored');
      return;
    }
    const previous = chatTails.get(target.chatId) ?? Promise.resolve();
    const task = previous.then(() => handOver(sock, message, target));
    chatTails.set(target.chatId, task);
    inFlight.add(task);
    void task.finally(() => {
      inFlight.delete(task);
      if (chatTails.get(target.chatId) === task) chatTails.delete(target.chatId);
    });
  }

  async function handOver(sock: WhatsappSocket, raw: WAMessage, target: Extract<ReturnType<typeof route>, { to: 'citizen' }>): Promise<void> {
    let content: InboundContent | undefined; // downloaded once, however often the hand-over is tried
    const signal = lifecycle.signal;
    for (let attempt = 1; ; attempt += 1) {
      try {
        content ??= target.content.kind === 'media'
          ? await fetchEvidence(raw, target.content.media, (m) => download(m, sock), context.media,
            (err) => log.warn({ integrationId: spec.id, err: describe(err) }, 'whatsapp-web media not downloaded'))
          : target.content;
        const message: InboundMessage = {
          integrationId: spec.id,
          channel: 'whatsapp-web',
          chatId: target.chatId,
          platformMessageId: target.platformId,
          sender: target.sender,
          content,
          receivedAt: target.receivedAt,
        };
        await context.onInbound(message);
        return;
      } catch (err) {
        if (signal.aborted || attempt >= inboundRetry.attempts) {
          log.error({ integrationId: spec.id, attempts: attempt, err: describe(err) }, 'whatsapp-web message lost: not handed over to the hub');
          return;
        }
        const waitMs = Math.min(inboundRetry.maxDelayMs, inboundRetry.minDelayMs * 2 ** (attempt - 1));
        log.warn({ integrationId: spec.id, attempt, retryInMs: waitMs, err: describe(err) }, 'whatsapp-web message not handed over; retrying');
        try {
          await delay(waitMs, undefined, { signal });
        } catch {
          log.error({ integrationId: spec.id, attempts: attempt }, 'whatsapp-web message lost: the adapter stopped before it was handed over');
          return;
        }
      }
    }
  }

  const connected = (): WhatsappSocket => {
    if (!socket || !open) throw new ChannelError('retry', `whatsapp-web not connected (${health.status})`);
    return socket;
  };

  return {
    integrationId: spec.id,
    type: 'whatsapp-web',
    displayName: spec.name,
    runOnce: true,
    maxTextLength: MAX_TEXT,

    async start() {
      if (lifecycle.signal.aborted) lifecycle = new AbortController();
      setHealth({ status: 'disconnected', detail: 'connecting' });
      await start(lifecycle.signal);
    },

    async stop() {
      lifecycle.abort();
      await reconnecting;
      reconnecting = undefined;
      const sock = socket;
      socket = undefined;
      open = false;
      try {
        sock?.end(undefined);
      } catch {
        // already closed
      }
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), STOP_DRAIN_MS); }),
      ]);
      clearTimeout(timer);
      if (!drained) log.warn({ integrationId: spec.id, pending: inFlight.size }, 'whatsapp-web stopped with messages still being handed over');
      await credsWrites;
      await setHealth({ status: 'disconnected', detail: 'stopped' });
    },

    async send(chatId: string, message: OutboundMessage): Promise<SendResult> {
      if (!isPersonJid(chatId)) throw new ChannelError('permanent', 'not a WhatsApp person address');
      const parts = chunks(withNumberedOptions(message), MAX_TEXT);
      return pacer.run(
        async () => {
          await connected().sendPresenceUpdate('composing', chatId).catch(() => undefined);
        },
        async () => {
          let platformMessageId: string | undefined;
          for (const text of parts) {
            const sock = connected(); // the connection may have closed while the gap passed
            let result;
            try {
              result = await sock.sendMessage(chatId, { text });
            } catch (err) {
              throw new ChannelError('retry', `whatsapp-web sendMessage failed (${describe(err)})`);
            }
            platformMessageId = result?.key?.id ?? undefined;
            if (platformMessageId && result?.message) {
              await sent.remember(platformMessageId, result.message)
                .catch((err: unknown) => log.warn({ integrationId: spec.id, err: describe(err) }, 'whatsapp-web sent message not kept for retries'));
            }
          }
          await socket?.sendPresenceUpdate('paused', chatId).catch(() => undefined);
          return platformMessageId ? { platformMessageId } : {};
        },
      );
    },

    health() {
      return { ...health };
    },

    routes() {
      return [{ path: settings.pagePath ?? PAIRING_PAGE_PATH, handler: pairingPage({ store: context.state, apiKey: settings.adminApiKey, now: context.now }) }];
    },
  };
}
