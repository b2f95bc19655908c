// lapor-hub start | chat | migrate | worker | nlp parse|train|eval | whatsapp pair (contracts/interfaces.md)
import { ConfigError, loadConfig, type Config } from '../config.js';
import { maskSecrets } from '../log.js';
import { describeCrash, handleProcessErrors } from './process-errors.js';

handleProcessErrors();

const USAGE = `usage: lapor-hub <command>
  start                 the whole hub: HTTP server, channels, workers, status poller
  chat                  talk to the bot in this terminal as a citizen
  migrate               apply pending database migrations and exit
  worker                workers only (with REDIS_URL, to scale out)
  nlp parse [--now YYYY-MM-DD]   JSON lines {"text": "..."} on stdin -> parse results on stdout
  nlp train | nlp eval  retrain the NLP model / print accuracy on the test split
  whatsapp pair [--phone 62…]   pair a WhatsApp Web number: a QR code here, or a pairing code for that phone`;

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'start':
      return (await import('./start.js')).start(config(), { http: true, channels: true, workers: true });
    case 'worker':
      return (await import('./start.js')).start(config(), { http: false, channels: false, workers: true });
    case 'migrate':
      return (await import('./migrate.js')).migrateCommand(config());
    case 'chat':
      return (await import('./chat.js')).chat(config());
    case 'nlp':
      return (await import('./nlp-command.js')).nlpCommand(sub, rest);
    case 'whatsapp':
      return (await import('./whatsapp.js')).whatsappCommand(sub, rest, config());
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`lapor-hub: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

function config(): Config {
  return loadConfig(process.env);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined && code !== -1) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(`lapor-hub: configuration error: ${error.message}`);
      process.exit(2);
    }
    console.error(maskSecrets(`lapor-hub: ${(error as Error)?.message ?? error}`));
    if (process.env.LOG_LEVEL === 'debug') console.error(describeCrash(error));
    process.exit(1);
  },
);
