// lapor-hub whatsapp pair [--phone 62…]: links the agency's phone to the WhatsApp Web channel.
// Only that channel runs (no HTTP, no workers, no poller); the QR is printed here (or, with
// --phone, a pairing code to type on the phone); it waits until the connection is open (after
// the expected 515 restart), says so and exits 0. The session stays in the database, so
// `lapor-hub start` on the same database resumes it.
import pino from 'pino';
import { pairingDigits, type PairingEvent, type WhatsappWebTuning } from '../../bots/whatsapp-web/index.js';
import { createHub, type HubOptions } from '../app.js';
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { exitOnDatabaseDeath } from './process-errors.js';

export interface PairCommandOptions {
  /** tests: a fake socket, no pacing */
  tuning?: WhatsappWebTuning;
  /** how long to wait for the phone (default 5 min: a QR rotates every ~20 s for a few minutes) */
  timeoutMs?: number;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
  hub?: Pick<HubOptions, 'db' | 'logger'>;
}

const USAGE = 'usage: lapor-hub whatsapp pair [--phone 62…]';

function parse(args: string[]): { phone?: string } | string {
  const parsed: { phone?: string } = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--phone') {
      const value = args[i + 1];
      if (value === undefined) return '--phone needs a phone number, e.g. --phone 6281234567890';
      parsed.phone = value;
      i += 1;
    } else if (arg.startsWith('--phone=')) {
      parsed.phone = arg.slice('--phone='.length);
    } else {
      return `unknown argument "${arg}"\n${USAGE}`;
    }
  }
  return parsed;
}

export async function whatsappCommand(sub: string | undefined, args: string[], config: Config, options: PairCommandOptions = {}): Promise<number> {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const fail = (code: number, line: string) => {
    err.write(`lapor-hub whatsapp: ${line}\n`);
    return code;
  };
  if (sub !== 'pair') return fail(2, sub ? `unknown subcommand "${sub}"\n${USAGE}` : USAGE);
  const parsed = parse(args);
  if (typeof parsed === 'string') return fail(2, parsed);
  if (config.WHATSAPP_WEB !== 'on') return fail(2, 'WHATSAPP_WEB is off: set WHATSAPP_WEB=on to pair a number');
  const digits = parsed.phone === undefined ? undefined : pairingDigits(parsed.phone);
  if (parsed.phone !== undefined && !digits) {
    return fail(2, '--phone must be a phone number with its country code, e.g. 6281234567890');
  }

  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  let settle: (event: PairingEvent | 'timeout') => void = () => {};
  const outcome = new Promise<PairingEvent | 'timeout'>((resolve) => { settle = resolve; });
  const tuning: WhatsappWebTuning = {
    terminal: out,
    ...options.tuning,
    ...(digits ? { pairingPhone: digits } : {}),
    onPairing: (event) => {
      options.tuning?.onPairing?.(event);
      if (event.type === 'open' || event.type === 'replaced') settle(event);
    },
  };
  const hub = await createHub(config, {
    // warnings only, on stderr: the QR and the code own the terminal
    logger: createLogger(config.LOG_LEVEL === 'silent' ? 'silent' : 'warn', pino.destination(2)),
    // the fatal line is on stderr above: a dead embedded engine ends the pairing, as it ends start
    onFatal: exitOnDatabaseDeath,
    ...options.hub,
    http: false,
    workers: false,
    poller: false,
    nlp: false,
    channelTypes: ['whatsapp-web'],
    channelTuning: { 'whatsapp-web': tuning },
  });
  const timer = setTimeout(() => settle('timeout'), timeoutMs);
  try {
    out.write(digits
      ? 'Meminta kode pairing dari WhatsApp… / Asking WhatsApp for a pairing code…\n'
      : 'Menyambung ke WhatsApp… / Connecting to WhatsApp…\n');
    await hub.start();
    const result = await outcome;
    if (result === 'timeout') return fail(1, `not paired within ${Math.round(timeoutMs / 1000)} s; run the command again for a new code`);
    if (result.type === 'replaced') return fail(1, 'another instance took the number (connection replaced); stop it and try again');
    out.write('WhatsApp terhubung: sesi tersimpan di database. / WhatsApp connected: the session is kept in the database.\n');
    return 0;
  } finally {
    clearTimeout(timer);
    await hub.stop();
  }
}
