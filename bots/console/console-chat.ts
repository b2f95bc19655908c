// The console channel: a citizen types in the terminal. Quick replies are numbered
// options (type the number); `@path/to/photo.jpg` sends a file as evidence; at a location
// question, map coordinates ("-6.9175, 107.5695") are sent as a map point.
// A thin adapter: the hub decides what to say; this only renders it and reads lines.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { createInterface } from 'node:readline/promises';
import type { InboundContent, OutboundMessage, QuickReply } from '../../src/core/messages.js';
import type { Attachment } from '../../src/core/messages.js';

export interface ConsoleHub {
  send(content: InboundContent): Promise<OutboundMessage[]>;
  /** messages sent on their own since the last call (status changes, tracking numbers) */
  poll(): Promise<OutboundMessage[]>;
  saveFile(data: Buffer, filename: string): Promise<Attachment | { error: string }>;
}

/** what a web client turns into a map, the console into typed coordinates */
const SHARE_LOCATION = 'share_location';
const COORDINATES = /^(-?\d{1,2}(?:\.\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d+)?)$/;

export async function runConsoleChat(hub: ConsoleHub, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }) {
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  const print = (line: string) => io.output.write(`${line}\n`);
  // a prompt only for a person at a terminal; piped output stays plain
  const interactive = Boolean((io.output as NodeJS.WriteStream).isTTY);
  const prompt = () => { if (interactive) io.output.write('› '); };
  let offered: QuickReply[] = [];
  let expects: OutboundMessage['expects'];
  const seen = new Set<string>();

  const show = (messages: OutboundMessage[]) => {
    let shown = false;
    for (const m of messages) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      shown = true;
      // continuation lines indented under the 🤖, so each message reads as one block
      print(`\n🤖 ${m.text.replace(/\n/g, '\n   ')}`);
      offered = (m.quickReplies ?? []).filter((q) => q.payload !== SHARE_LOCATION);
      offered.forEach((q, i) => print(`   ${i + 1}. ${q.title}`));
      expects = m.expects;
      if (expects?.type === 'location') print('   (📍 titik peta juga bisa: ketik koordinatnya, mis. -6.9175, 107.5695)');
      if (expects?.type === 'media') print('   (📎 kirim file: ketik @ lalu lokasi filenya, mis. @/home/budi/foto.jpg)');
    }
    if (shown) prompt();
  };

  const fileContent = async (line: string): Promise<InboundContent | string> => {
    let path = line.slice(1).trim();
    // a dragged-in file arrives quoted ('...' or "...") or with escaped spaces
    if (/^(['"]).*\1$/.test(path)) path = path.slice(1, -1);
    else path = path.replace(/\\ /g, ' ');
    if (path.startsWith('~/')) path = `${homedir()}${path.slice(1)}`;
    const data = await readFile(path).catch(() => null);
    if (!data) return `(File ${path} tidak bisa dibaca. Tulis lokasinya lengkap, mis. @/home/budi/foto.jpg)`;
    const saved = await hub.saveFile(data, path.split('/').pop() || 'bukti');
    if ('error' in saved) return `(File tidak terkirim: ${saved.error}. Kirim foto JPG, PNG, WEBP atau PDF, maks. 5 MB.)`;
    return { kind: 'attachment', attachment: saved };
  };

  print('LAPOR! chat — ketik pesan lalu Enter. Pilihan bernomor: ketik angkanya. Foto/PDF: ketik @/lokasi/foto.jpg. Keluar: Ctrl+D.');
  show(await hub.send({ kind: 'text', text: 'halo' }));
  const timer = setInterval(() => void hub.poll().then(show, () => {}), 2000);
  // Ctrl+C ends the chat like Ctrl+D (the hub stops cleanly); a second one kills as usual
  const stop = () => rl.close();
  process.once('SIGINT', stop);
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (!line) {
        prompt();
        continue;
      }
      let content: InboundContent;
      const choice = /^\d{1,2}$/.test(line) ? offered[Number(line) - 1] : undefined;
      const point = expects?.type === 'location' ? COORDINATES.exec(line) : null;
      if (choice) {
        content = { kind: 'payload', payload: choice.payload };
      } else if (line.startsWith('@')) {
        const file = await fileContent(line);
        if (typeof file === 'string') {
          print(file);
          prompt();
          continue;
        }
        content = file;
      } else if (point && Math.abs(Number(point[1])) <= 90 && Math.abs(Number(point[2])) <= 180) {
        content = { kind: 'location', location: { latitude: Number(point[1]), longitude: Number(point[2]) } };
      } else {
        content = { kind: 'text', text: line.slice(0, 4096) };
      }
      show(await hub.send(content));
    }
  } finally {
    process.removeListener('SIGINT', stop);
    clearInterval(timer);
    rl.close();
  }
  show(await hub.poll());
  if (interactive) print('');
}
