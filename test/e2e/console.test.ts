// A person files a complaint in the real `lapor-hub chat` (a child process, embedded
// database, NLP on): reads what the bot prints, answers by typing lines (numbered options
// by their number), sends a photo with @path, and sees the tracking number arrive.
// With NLP on the bot may skip what it already understood, so the person answers the
// question actually asked (recognised by its Indonesian words), not a fixed script.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, freePort } from '../support/process.js';

// a 1×1 PNG, as a photo from the citizen's phone
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface BotMessage {
  text: string;
  options: string[];
}

/** The terminal as a person sees it: everything printed, and lines typed. */
class Terminal {
  output = '';
  private read = 0;
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (this.output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
  }

  type(line: string) {
    this.output += `> ${line}\n`; // the transcript shows what was typed
    this.read = this.output.length;
    this.child.stdin.write(`${line}\n`);
  }

  /** waits for the bot's answer (output that then stays quiet) and returns its messages */
  async answer(timeoutMs = 20_000): Promise<BotMessage[]> {
    const deadline = Date.now() + timeoutMs;
    let length = -1;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`lapor-hub chat exited (${this.child.exitCode}):\n${this.output}`);
      const fresh = this.output.slice(this.read);
      if (fresh.includes('🤖') && this.output.length === length) break; // then quiet for one step
      if (Date.now() > deadline) throw new Error(`no answer within ${timeoutMs} ms:\n${this.output}`);
      length = this.output.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const fresh = this.output.slice(this.read);
    this.read = this.output.length;
    return fresh.split('\n🤖 ').slice(1).map((block) => {
      const lines = block.split('\n');
      const options = lines.map((l) => /^ {3}\d+\. (.+)$/.exec(l)?.[1]).filter((o): o is string => Boolean(o));
      return { text: lines.filter((l) => !/^ {3}\d+\. /.test(l)).join('\n').trim(), options };
    });
  }

  /** waits until the output after the last typed line matches */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output.slice(this.read));
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`${pattern} not printed within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** the number to type for an option, by (the start of) its title */
function numberOf(message: BotMessage, title: string): string {
  const index = message.options.findIndex((o) => o.startsWith(title));
  if (index < 0) throw new Error(`no option "${title}" in ${JSON.stringify(message.options)}`);
  return String(index + 1);
}

describe('lapor-hub chat, used by a person in a terminal', () => {
  const dirs: string[] = [];
  let child: ChildProcessWithoutNullStreams | undefined;
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('files a complaint with a photo and prints the tracking number', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lapor-console-'));
    dirs.push(dataDir);
    const photo = join(dataDir, 'jalan rusak.png'); // a space in the name, as photos often have
    writeFileSync(photo, PNG);
    const port = await freePort();
    // the embedded defaults, whatever the developer's shell points at
    const env = Object.fromEntries(Object.entries(process.env)
      .filter(([name]) => !/^(DATABASE_URL|REDIS_URL|PUBLIC_URL|LAPOR_API_|TELEGRAM_|WHATSAPP_)/.test(name)));
    child = spawn(process.execPath, [BIN, 'chat'], {
      env: { ...env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const terminal = new Terminal(child);

    let messages = await terminal.answer(40_000);
    expect(terminal.output).toContain('Pilihan bernomor: ketik angkanya');
    let question = messages.at(-1)!;
    expect(question.text).toMatch(/Halo!/);
    expect(question.options).toEqual(['Pengaduan', 'Aspirasi', 'Permintaan informasi', 'Cek status']);

    const story = 'Jalan di depan sekolah berlubang besar dan dalam, sudah dua motor jatuh minggu ini, anak-anak takut lewat.';
    const asked: string[] = [];
    let triedWrongPath = false;
    let point = false;
    for (let turn = 0; turn < 20; turn++) {
      const { text, options } = question;
      let line: string;
      if (/Cek dulu ringkasan/.test(text)) break;
      else if (options.includes('Pengaduan')) line = numberOf(question, 'Pengaduan');
      else if (/Ceritakan masalahnya|terlalu singkat/.test(text)) line = story;
      else if (/kategori/.test(text) || options.includes('Lainnya')) line = numberOf(question, 'Infrastruktur');
      else if (/lokasinya/i.test(text)) {
        expect(text).toMatch(/titik peta juga bisa/); // the console's way to send a map point
        line = '-6.9175, 107.5695';
        point = true;
      } else if (/Kapan kejadiannya|tanggal/.test(text)) line = 'kemarin';
      else if (/foto atau dokumen/.test(text)) {
        // first a path that does not exist: the console says so in Indonesian, the question stays
        line = triedWrongPath ? `@'${photo}'` : '@/tidak/ada/foto.jpg';
        triedWrongPath = true;
      } else if (/lampiran/.test(text) && options.includes('Selesai')) line = numberOf(question, 'Selesai');
      else if (/dikirim sebagai apa/.test(text)) line = numberOf(question, 'Rahasia');
      else if (/Siapa namamu/.test(text)) line = 'Siti Aminah';
      else if (/Nomor HP/.test(text)) line = '0812-3456-7890';
      else throw new Error(`a question the person does not understand: ${text}\n${terminal.output}`);
      asked.push(text.split('\n')[0]!);
      terminal.type(line);
      if (line === '@/tidak/ada/foto.jpg') {
        await terminal.waitFor(/\(File \/tidak\/ada\/foto\.jpg tidak bisa dibaca/);
        continue; // the question is still open
      }
      messages = await terminal.answer();
      question = messages.at(-1)!;
    }
    expect(question.text).toMatch(/Cek dulu ringkasan/);
    expect(question.text).toMatch(/Lampiran: 1 file/);
    expect(question.text).toMatch(/Kerahasiaan: Rahasia/);
    if (point) expect(question.text).toMatch(/titik peta -6\.9175/);
    expect(question.options).toEqual(['Kirim laporan', 'Ubah', 'Batal']);
    // no question was asked three times over (the person was never stuck)
    for (const text of asked) expect(asked.filter((t) => t === text).length).toBeLessThan(3);

    terminal.type(numberOf(question, 'Kirim laporan'));
    await terminal.waitFor(/sudah kami terima/);
    // the tracking number arrives on its own, through the console's 2 s poll
    const trackingId = (await terminal.waitFor(/nomor (\d{7})/, 20_000))[1]!;

    // the report reached (the built-in simulator of) LAPOR!, as the citizen described it
    const reports = await fetch(`http://127.0.0.1:${port}/simulator/lapor/control/reports`).then((r) => r.json());
    const list = (reports.reports ?? reports) as Record<string, unknown>[];
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list[0])).toContain(trackingId);
    expect(JSON.stringify(list[0])).toContain('berlubang');

    const exited = once(child, 'exit');
    child.stdin.end(); // Ctrl+D
    const [code] = await exited;
    expect(code, terminal.output).toBe(0);
    console.log(`lapor-hub chat transcript:\n${terminal.output}`);
  });
});
