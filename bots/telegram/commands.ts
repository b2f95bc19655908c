// The bot's command menu (setMyCommands). The engine understands the slash commands
// as text; this list only makes them discoverable in Telegram's "/" menu.
import type { BotCommand } from 'grammy/types';

export const COMMANDS_ID: BotCommand[] = [
  { command: 'start', description: 'Mulai percakapan' },
  { command: 'lapor', description: 'Buat laporan baru' },
  { command: 'status', description: 'Cek status laporan' },
  { command: 'batal', description: 'Batalkan laporan yang sedang diisi' },
  { command: 'bantuan', description: 'Bantuan' },
  { command: 'bahasa', description: 'Ganti bahasa (Indonesia/English)' },
];

export const COMMANDS_EN: BotCommand[] = [
  { command: 'start', description: 'Start the conversation' },
  { command: 'lapor', description: 'File a new report' },
  { command: 'status', description: 'Check the status of a report' },
  { command: 'batal', description: 'Cancel the report in progress' },
  { command: 'bantuan', description: 'Help' },
  { command: 'bahasa', description: 'Change language (Indonesia/English)' },
];

export const COMMAND_NAMES: readonly string[] = COMMANDS_ID.map((c) => c.command);
