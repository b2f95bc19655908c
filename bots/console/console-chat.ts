// The console channel: a citizen types in the terminal. Quick replies are numbered
// options (type the number); `@path/to/photo.jpg` sends a file as evidence.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import type { InboundContent, OutboundMessage, QuickReply } from '../../src/core/messages.js';
import type { Attachment } from '../../src/core/messages.js';

export interface ConsoleHub {
  send(content: InboundContent): Promise<OutboundMessage[]>;
  /** messages sent on their own since the last call (status changes, tracking numbers) */
  poll(): Promise<OutboundMessage[]>;
  saveFile(data: Buffer, filename: string): Promise<Attachment | { error: string }>;
}

export async function runConsoleChat(hub: ConsoleHub, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }) {
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  const print = (line: string) => io.output.write(`${line}\n`);
  let offered: QuickReply[] = [];
  const seen = new Set<string>();

  const show = (messages: OutboundMessage[]) => {
    for (const m of messages) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      print(`\n🤖 ${m.text}`);
      if (m.quickReplies?.length) {
        offered = m.quickReplies;
        m.quickReplies.forEach((q, i) => print(`   ${i + 1}. ${q.title}`));
      } else {
        offered = [];
      }
    }
  };

  print('LAPOR! chat — ketik pesan Anda (Ctrl+D untuk keluar). Pilihan bernomor: ketik angkanya. Foto: @/path/foto.jpg');
  show(await hub.send({ kind: 'text', text: 'halo' }));
  const timer = setInterval(() => void hub.poll().then(show, () => {}), 2000);
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (!line) continue;
      let content: InboundContent;
      const choice = /^\d{1,2}$/.test(line) ? offered[Number(line) - 1] : undefined;
      if (choice) {
        content = { kind: 'payload', payload: choice.payload };
      } else if (line.startsWith('@')) {
        const path = line.slice(1).trim();
        const data = await readFile(path).catch(() => null);
        if (!data) {
          print(`(file ${path} cannot be read)`);
          continue;
        }
        const saved = await hub.saveFile(data, path.split('/').pop() ?? 'bukti');
        if ('error' in saved) {
          print(`(${saved.error})`);
          continue;
        }
        content = { kind: 'attachment', attachment: saved };
      } else {
        content = { kind: 'text', text: line.slice(0, 4096) };
      }
      show(await hub.send(content));
    }
  } finally {
    clearInterval(timer);
    rl.close();
  }
  show(await hub.poll());
}
