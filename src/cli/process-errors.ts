// What the process does with an error nobody caught. A rejected promise nobody awaited (a
// library's background task, a request that outlived its timeout) is logged and the hub
// keeps serving: one failed update must not take every citizen's chat down. A synchronous
// exception that reached the event loop leaves state half-changed, so it is logged and the
// process exits for its supervisor to restart it (the database and the outbox keep the work).
// Either way the line holds the error's type, masked message and stack frames, never the
// error object (a grammY error carries the update and the bot token). A database engine that
// died (PGlite's WebAssembly engine crashed: every query fails from then on) ends the process
// too, at once: nothing it would still do could be stored.
import { maskSecrets } from '../log.js';

export function describeCrash(error: unknown): string {
  if (!(error instanceof Error)) return `non-error value of type ${typeof error}`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 8).join('\n');
  return maskSecrets(`${error.name}: ${error.message}\n${frames}`);
}

export function handleProcessErrors(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  process.on('unhandledRejection', (reason) => {
    write(`lapor-hub: unhandled rejection (still serving): ${describeCrash(reason)}`);
  });
  process.on('uncaughtException', (error) => {
    write(`lapor-hub: uncaught exception, exiting: ${describeCrash(error)}`);
    process.exit(1);
  });
}

/**
 * The hub's database engine died (the hub has logged it): exit non-zero at once, without the
 * graceful stop, which would only wait on work that cannot be stored. Its supervisor restarts
 * the hub on a clean engine over what the data directory holds.
 */
export function exitOnDatabaseDeath(): never {
  process.exit(1);
}
