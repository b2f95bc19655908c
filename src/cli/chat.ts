// lapor-hub chat: the console channel against the same engine and database. With the
// embedded database it runs the whole hub in this process (the database is one
// process's); with PostgreSQL beside a running hub, that hub's workers forward reports.
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConsoleChat } from '../../bots/console/console-chat.js';
import { createHub } from '../app.js';
import type { Config } from '../config.js';
import { MEDIA_LIMITS } from '../core/channel.js';
import { sniffEvidenceType } from '../core/media-type.js';
import { chatHistory } from '../hub/channel-history.js';
import { createLogger } from '../log.js';

export async function chat(config: Config): Promise<number> {
  mkdirSync(config.DATA_DIR, { recursive: true });
  console.error('Menyiapkan LAPOR! chat… (a few seconds)');
  const logFile = join(config.DATA_DIR, 'lapor-hub-chat.log');
  const logger = createLogger(config.LOG_LEVEL, createWriteStream(logFile, { flags: 'a' }));
  // a dead embedded engine cannot be revived in place (docs/operations.md): say so and end
  const onFatal = () => {
    console.error(`\nlapor-hub chat: the embedded database engine died (details in ${logFile}); start lapor-hub chat again.`);
    process.exit(1);
  };
  let hub = await createHub(config, { logger, onFatal });
  try {
    await hub.start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    // another hub serves this port (and runs the workers) on the shared database
    await hub.stop();
    hub = await createHub(config, { logger, http: false, workers: false, channels: false, onFatal });
    await hub.start();
  }
  const chatId = consoleChatId(config.DATA_DIR);
  const integrationId = hub.integrations.console;
  let lastId: string | undefined;
  const remember = <T extends { id: string }[]>(messages: T) => {
    if (messages.length) lastId = messages[messages.length - 1]!.id;
    return messages;
  };
  console.error(`(log: ${logFile})`);
  await runConsoleChat({
    send: async (content) => remember((await hub.conversations.handleInbound({
      integrationId, channel: 'console', chatId, sender: { externalId: chatId }, content, receivedAt: new Date(),
    })).replies),
    poll: async () => remember((await chatHistory(hub.prisma, integrationId, chatId, lastId)) ?? []),
    saveFile: async (data, filename) => {
      if (data.length > MEDIA_LIMITS.maxBytes) return { error: 'file lebih dari 5 MB' };
      const mimeType = sniffEvidenceType(data);
      if (!mimeType) return { error: 'hanya file jpeg, png, webp atau pdf yang diterima' };
      return hub.media.save(data, { filename, mimeType });
    },
  }, { input: process.stdin, output: process.stdout });
  await hub.stop();
  return 0;
}

/** The terminal citizen keeps one chat across runs, so `lapor-hub chat` resumes a conversation. */
function consoleChatId(dataDir: string): string {
  const file = join(dataDir, 'console-chat-id');
  if (existsSync(file)) {
    const id = readFileSync(file, 'utf8').trim();
    if (/^console-[0-9a-f]{16}$/.test(id)) return id;
  }
  const id = `console-${randomBytes(8).toString('hex')}`;
  writeFileSync(file, id);
  return id;
}
