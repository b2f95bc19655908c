// A fake Meta Graph API (WhatsApp Cloud API) over real HTTP, for tests of the Cloud API adapter.
// It behaves like Meta where the adapter depends on it:
// - every call needs `Authorization: Bearer <token>` (else 401 with OAuthException code 190);
// - POST /{phone-number-id}/messages is validated like Meta validates it (100 / 131009 for a
//   bad parameter: more than 3 buttons, a button title over 20, more than 10 rows, a row title
//   over 24, a description over 72, a list button over 20, a body over 1024, a text over 4096),
//   answers a wamid, and refuses free-form messages to a user who has not written in 24 hours
//   (131047; its clock is `now`, injectable); templates must be registered and their
//   parameters clean (132001, 132000, 132018);
// - errors can be injected for the next sends (130429, 131056, 131026, 131047, 5xx…);
// - media: GET /{media-id} names a URL, GET that URL (with the token) gives the bytes;
// - it sends signed webhooks to the hub, serialised as Meta does (non-ASCII and "/" escaped
//   as \uXXXX and \/), and on demand forged, tampered, unsigned, malformed or redelivered.
//
//   const meta = await FakeGraphApi.start({ phoneNumberId: '1098765', appSecret: 's3cret' });
//   meta.webhookUrl = `${hub.url}/webhooks/whatsapp`;
//   await meta.sendText('6281234567890', 'halo', { name: 'Budi' });
//   const [reply] = await meta.waitForSent('6281234567890');
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  body: any;
  at: number;
}

/** What the double answered for one send: Meta's error object or the wamid. */
export interface SentMessage {
  wamid: string;
  to: string;
  type: string;
  body: any;
  at: number;
}

export interface InjectedError {
  code: number;
  httpStatus?: number;
  message?: string;
}

export interface WebhookDelivery {
  status: number;
  body: string;
  ms: number;
  raw: string;
}

export interface FakeGraphApiOptions {
  token?: string;
  phoneNumberId?: string;
  appSecret?: string;
  /** templates the business has approved: name -> languages and body parameter count */
  templates?: Record<string, { languages: string[]; parameters: number }>;
  port?: number;
}

const LIMITS = { text: 4096, body: 1024, buttons: 3, buttonTitle: 20, rows: 10, rowTitle: 24, rowDescription: 72, listButton: 20, sectionTitle: 24, templateBody: 1024 };
const WINDOW_MS = 24 * 60 * 60 * 1000;

class GraphError extends Error {
  constructor(readonly httpStatus: number, readonly code: number, message: string, readonly details?: string) {
    super(message);
  }
}

export class FakeGraphApi {
  readonly token: string;
  readonly phoneNumberId: string;
  readonly appSecret: string;
  readonly templates: Record<string, { languages: string[]; parameters: number }>;
  readonly calls: RecordedCall[] = [];
  readonly sent: SentMessage[] = [];
  readonly readReceipts: Array<{ messageId: string; typing: boolean }> = [];
  /** where signed webhooks go (the hub's /webhooks/whatsapp) */
  webhookUrl = '';
  /** the double's clock: the 24-hour window is measured with it */
  now: () => Date = () => new Date();
  /** every webhook the double delivered, with the hub's answer and how long it took */
  readonly deliveries: WebhookDelivery[] = [];

  private server: Server;
  private port = 0;
  private injected: Array<InjectedError | null> = [];
  private lastInbound = new Map<string, number>();
  private media = new Map<string, { data: Buffer; mimeType: string }>();
  private waiters = new Set<() => void>();
  private tokenValid = true;

  private constructor(options: FakeGraphApiOptions) {
    this.token = options.token ?? 'EAAG-test-token';
    this.phoneNumberId = options.phoneNumberId ?? '109876543210';
    this.appSecret = options.appSecret ?? 'app-secret-for-tests';
    this.templates = options.templates ?? { lapor_update: { languages: ['id'], parameters: 1 } };
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent) this.reply(res, 500, { error: { message: String(err), type: 'OAuthException', code: 1 } });
      });
    });
  }

  static async start(options: FakeGraphApiOptions = {}): Promise<FakeGraphApi> {
    const fake = new FakeGraphApi(options);
    await new Promise<void>((resolve) => fake.server.listen(options.port ?? 0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** WHATSAPP_CLOUD_API_ROOT for the hub */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}/v21.0`;
  }

  /** the environment that points a hub at this double */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      WHATSAPP_CLOUD_TOKEN: this.token,
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: this.phoneNumberId,
      WHATSAPP_CLOUD_APP_SECRET: this.appSecret,
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'verify-me',
      WHATSAPP_CLOUD_API_ROOT: this.apiRoot,
      ...extra,
    };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- what tests do -------------------------------------------------------

  /** The next sends fail with these errors, in order (marks-as-read are not sends); null: that send succeeds. */
  failNext(...errors: Array<InjectedError | null>): void {
    this.injected.push(...errors);
  }

  /** Revokes (false) or restores the token: every call answers 190 while revoked. */
  setTokenValid(valid: boolean): void {
    this.tokenValid = valid;
  }

  addMedia(data: Buffer, mimeType: string): string {
    const id = String(900000001 + this.media.size);
    this.media.set(id, { data, mimeType });
    return id;
  }

  sentTo(waId: string): SentMessage[] {
    return this.sent.filter((m) => m.to === waId);
  }

  async waitForSent(waId: string, n = 1, timeoutMs = 5000): Promise<SentMessage[]> {
    await this.waitFor(() => this.sentTo(waId).length >= n, timeoutMs, `${n} message(s) to the user`);
    return this.sentTo(waId);
  }

  async waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`FakeGraphApi: ${what} not met within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
        setTimeout(wake, 50);
      });
    }
  }

  // ---- webhooks to the hub -------------------------------------------------

  /** A `messages` webhook carrying one message from a user; returns the message id and the delivery. */
  async sendMessage(from: string, message: Record<string, unknown>, opts: { name?: string; phoneNumberId?: string } = {}) {
    const id = wamid();
    const at = this.now();
    this.lastInbound.set(from, at.getTime());
    const payload = this.envelope(opts.phoneNumberId ?? this.phoneNumberId, {
      contacts: [{ profile: { name: opts.name ?? 'Warga' }, wa_id: from }],
      messages: [{ from, id, timestamp: String(Math.floor(at.getTime() / 1000)), ...message }],
    });
    const delivery = await this.deliver(payload);
    return { id, payload, delivery };
  }

  sendText(from: string, body: string, opts: { name?: string; phoneNumberId?: string } = {}) {
    return this.sendMessage(from, { type: 'text', text: { body } }, opts);
  }

  /** A tap on a reply button or a list row the hub sent. */
  sendReply(from: string, reply: { id: string; title: string }, kind: 'button_reply' | 'list_reply' = 'button_reply', opts: { name?: string } = {}) {
    return this.sendMessage(from, { type: 'interactive', interactive: { type: kind, [kind]: reply } }, opts);
  }

  sendLocation(from: string, latitude: number, longitude: number, opts: { name?: string; address?: string } = {}) {
    return this.sendMessage(from, { type: 'location', location: { latitude, longitude, ...(opts.address ? { address: opts.address } : {}) } });
  }

  sendImage(from: string, mediaId: string, caption?: string) {
    const media = this.media.get(mediaId);
    return this.sendMessage(from, { type: 'image', image: { id: mediaId, mime_type: media?.mimeType ?? 'image/jpeg', sha256: 'x', ...(caption ? { caption } : {}) } });
  }

  sendDocument(from: string, mediaId: string, filename: string) {
    const media = this.media.get(mediaId);
    return this.sendMessage(from, { type: 'document', document: { id: mediaId, filename, mime_type: media?.mimeType ?? 'application/pdf', sha256: 'x' } });
  }

  /** A status webhook for a message the hub sent. */
  async sendStatus(messageId: string, status: 'sent' | 'delivered' | 'read' | 'failed', opts: { recipient?: string; errorCode?: number } = {}) {
    const recipient = opts.recipient ?? this.sent.find((m) => m.wamid === messageId)?.to ?? '0';
    const payload = this.envelope(this.phoneNumberId, {
      statuses: [{
        id: messageId, status, timestamp: String(Math.floor(this.now().getTime() / 1000)), recipient_id: recipient,
        ...(opts.errorCode !== undefined ? { errors: [{ code: opts.errorCode, title: 'Message undeliverable' }] } : {}),
      }],
    });
    return this.deliver(payload);
  }

  /** The whole envelope Meta posts, with one `messages` change for a number. */
  envelope(phoneNumberId: string, value: Record<string, unknown>): Record<string, unknown> {
    return {
      object: 'whatsapp_business_account',
      entry: [{
        id: '1029384756',
        changes: [{
          field: 'messages',
          value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001111', phone_number_id: phoneNumberId }, ...value },
        }],
      }],
    };
  }

  /**
   * POSTs a webhook to the hub. `payload` is serialised as Meta does unless it is already a
   * string; `signature`: 'valid' (default), 'missing', 'forged' (another secret), 'malformed',
   * or a header value of the test's own.
   */
  async deliver(payload: unknown, opts: { signature?: 'valid' | 'missing' | 'forged' | 'malformed' | { header: string }; tamper?: (raw: string) => string } = {}): Promise<WebhookDelivery> {
    if (!this.webhookUrl) throw new Error('FakeGraphApi: set webhookUrl first');
    const raw = typeof payload === 'string' ? payload : metaJson(payload);
    const sign = (secret: string) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    const mode = opts.signature ?? 'valid';
    const header = mode === 'valid' ? sign(this.appSecret)
      : mode === 'forged' ? sign(`not-${this.appSecret}`)
      : mode === 'malformed' ? 'sha1=0123456789abcdef'
      : mode === 'missing' ? undefined
      : mode.header;
    const sentBody = opts.tamper ? opts.tamper(raw) : raw;
    const started = performance.now();
    const res = await fetch(this.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header ? { 'x-hub-signature-256': header } : {}) },
      body: sentBody,
    });
    const body = await res.text();
    const delivery = { status: res.status, body, ms: performance.now() - started, raw: sentBody };
    this.deliveries.push(delivery);
    return delivery;
  }

  /** Meta's subscription check: GET the webhook with hub.* parameters. */
  async verify(verifyToken: string, challenge = '1158201444', mode = 'subscribe'): Promise<{ status: number; body: string; type: string | null }> {
    const url = new URL(this.webhookUrl);
    url.searchParams.set('hub.mode', mode);
    url.searchParams.set('hub.verify_token', verifyToken);
    url.searchParams.set('hub.challenge', challenge);
    const res = await fetch(url);
    return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
  }

  // ---- the Graph API -------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = await readBody(req);
    let body: any;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      return this.reply(res, 400, graphError(new GraphError(400, 100, 'Invalid parameter', 'body is not JSON')));
    }
    this.calls.push({ method: req.method ?? 'GET', path: url.pathname + url.search, body, at: Date.now() });
    this.wake();
    if (!this.tokenValid || req.headers.authorization !== `Bearer ${this.token}`) {
      return this.reply(res, 401, { error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190, fbtrace_id: 'Atest' } });
    }
    const path = url.pathname.replace(/^\/v\d+\.\d+/, '');
    const download = /^\/media-download\/(\w+)$/.exec(path);
    if (download && req.method === 'GET') {
      const media = this.media.get(download[1]!);
      if (!media) return this.reply(res, 404, { error: { message: 'not found', code: 100 } });
      res.writeHead(200, { 'content-type': media.mimeType, 'content-length': media.data.length });
      return void res.end(media.data);
    }
    if (path === `/${this.phoneNumberId}/messages` && req.method === 'POST') return this.messages(body, res);
    if (path === `/${this.phoneNumberId}` && req.method === 'GET') {
      return this.reply(res, 200, { verified_name: 'Lapor Test', display_phone_number: '+62 21 5550 1111', id: this.phoneNumberId, quality_rating: 'GREEN' });
    }
    const mediaInfo = /^\/(\d+\w*)$/.exec(path);
    if (mediaInfo && req.method === 'GET') {
      const media = this.media.get(mediaInfo[1]!);
      if (!media) return this.reply(res, 400, graphError(new GraphError(400, 100, 'Unsupported get request. Object does not exist')));
      return this.reply(res, 200, {
        messaging_product: 'whatsapp', url: `http://127.0.0.1:${this.port}/v21.0/media-download/${mediaInfo[1]}`,
        mime_type: media.mimeType, sha256: 'x', file_size: media.data.length, id: mediaInfo[1],
      });
    }
    return this.reply(res, 400, graphError(new GraphError(400, 100, 'Unsupported post request')));
  }

  private messages(body: any, res: ServerResponse): void {
    try {
      if (body?.messaging_product !== 'whatsapp') throw new GraphError(400, 100, 'Invalid parameter', 'messaging_product must be whatsapp');
      if (body.status === 'read') {
        if (typeof body.message_id !== 'string') throw new GraphError(400, 100, 'Invalid parameter', 'message_id is required');
        this.readReceipts.push({ messageId: body.message_id, typing: body.typing_indicator?.type === 'text' });
        return this.reply(res, 200, { success: true });
      }
      validateMessage(body, this.templates);
      const injected = this.injected.shift();
      if (injected) throw new GraphError(injected.httpStatus ?? 400, injected.code, injected.message ?? `(#${injected.code}) injected`);
      const last = this.lastInbound.get(body.to);
      if (body.type !== 'template' && (last === undefined || this.now().getTime() - last >= WINDOW_MS)) {
        throw new GraphError(400, 131047, 'Re-engagement message', 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.');
      }
      const id = wamid();
      this.sent.push({ wamid: id, to: body.to, type: body.type, body, at: Date.now() });
      this.wake();
      this.reply(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] });
    } catch (err) {
      if (!(err instanceof GraphError)) throw err;
      this.reply(res, err.httpStatus, graphError(err));
    }
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/** Meta's validation of a message body, for the parts the hub sends. */
function validateMessage(body: any, templates: FakeGraphApi['templates']): void {
  const bad = (details: string, code = 131009) => new GraphError(400, code, '(#131009) Parameter value is not valid', details);
  if (typeof body.to !== 'string' || !/^\d{6,15}$/.test(body.to)) throw new GraphError(400, 100, 'Invalid parameter', 'to must be a phone number');
  switch (body.type) {
    case 'text': {
      const text = body.text?.body;
      if (typeof text !== 'string' || text.length === 0) throw new GraphError(400, 100, 'Invalid parameter', 'text.body is required');
      if (text.length > LIMITS.text) throw bad(`Message text length invalid. Max length: ${LIMITS.text}`);
      return;
    }
    case 'interactive':
      return validateInteractive(body.interactive, bad);
    case 'template': {
      const t = body.template;
      const known = templates[t?.name];
      if (!known || !known.languages.includes(t?.language?.code)) {
        throw new GraphError(400, 132001, 'Template name does not exist in the translation', `template name (${t?.name}) does not exist in ${t?.language?.code}`);
      }
      const parameters = (t.components ?? []).find((c: any) => c.type === 'body')?.parameters ?? [];
      if (parameters.length !== known.parameters) throw new GraphError(400, 132000, 'Number of parameters does not match the expected number of params');
      for (const p of parameters) {
        if (p.type !== 'text' || typeof p.text !== 'string') throw new GraphError(400, 100, 'Invalid parameter');
        if (/[\n\t]| {5,}/.test(p.text)) throw new GraphError(400, 132018, 'There was an issue with the parameters in your template', 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces');
        if (p.text.length > LIMITS.templateBody) throw new GraphError(400, 132005, 'Translated text too long');
      }
      return;
    }
    default:
      throw new GraphError(400, 100, 'Invalid parameter', `type ${body.type} is not one the hub should send`);
  }
}

function validateInteractive(i: any, bad: (details: string, code?: number) => GraphError): void {
  const text = i?.body?.text;
  if (typeof text !== 'string' || text.length === 0) throw new GraphError(400, 100, 'Invalid parameter', 'interactive.body.text is required');
  if (text.length > LIMITS.body) throw bad(`Body text length invalid. Min length: 1, Max length: ${LIMITS.body}`);
  switch (i.type) {
    case 'button': {
      const buttons = i.action?.buttons;
      if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > LIMITS.buttons) throw bad(`Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: ${LIMITS.buttons}`);
      const titles = new Set<string>();
      for (const b of buttons) {
        const title = b?.reply?.title;
        if (b?.type !== 'reply' || typeof b.reply.id !== 'string' || b.reply.id.length > 256) throw bad('Invalid button id');
        if (typeof title !== 'string' || title.length < 1 || title.length > LIMITS.buttonTitle) throw bad(`Button title length invalid. Min length: 1, Max length: ${LIMITS.buttonTitle}`);
        if (titles.has(title)) throw bad('Button title is not unique');
        titles.add(title);
      }
      return;
    }
    case 'list': {
      const { button, sections } = i.action ?? {};
      if (typeof button !== 'string' || button.length < 1 || button.length > LIMITS.listButton) throw bad(`Button label length invalid. Max length: ${LIMITS.listButton}`);
      if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) throw bad('Invalid sections count');
      const ids = new Set<string>();
      let rows = 0;
      for (const s of sections) {
        if (sections.length > 1 && !s.title) throw bad('Section title is required when there is more than one section');
        if (s.title !== undefined && (typeof s.title !== 'string' || s.title.length > LIMITS.sectionTitle)) throw bad(`Section title length invalid. Max length: ${LIMITS.sectionTitle}`);
        for (const r of s.rows ?? []) {
          rows += 1;
          if (typeof r.id !== 'string' || r.id.length > 200 || ids.has(r.id)) throw bad('Row id is missing, too long or not unique');
          ids.add(r.id);
          if (typeof r.title !== 'string' || r.title.length < 1 || r.title.length > LIMITS.rowTitle) throw bad(`Row title length invalid. Max length: ${LIMITS.rowTitle}`);
          if (r.description !== undefined && (typeof r.description !== 'string' || r.description.length > LIMITS.rowDescription)) throw bad(`Row description length invalid. Max length: ${LIMITS.rowDescription}`);
        }
      }
      if (rows < 1 || rows > LIMITS.rows) throw bad(`Total row count exceed max allowed count: ${LIMITS.rows}`);
      return;
    }
    case 'location_request_message':
      if (i.action?.name !== 'send_location') throw bad('action.name must be send_location');
      return;
    default:
      throw new GraphError(400, 100, 'Invalid parameter', `interactive type ${i.type} unknown`);
  }
}

function graphError(err: GraphError) {
  return {
    error: {
      message: err.message, type: 'OAuthException', code: err.code,
      ...(err.details ? { error_data: { messaging_product: 'whatsapp', details: err.details } } : {}),
      fbtrace_id: 'Atest',
    },
  };
}

function wamid(): string {
  return `wamid.HBgM${randomBytes(18).toString('base64url')}`;
}

/** JSON as Meta writes it: every non-ASCII character and "/" escaped (\u00e9, \ud83d\ude00, \/). */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
