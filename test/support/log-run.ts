// Where the test run's logs go. vitest's globalSetup (test/logs/global-setup.ts) creates one
// directory per run and names it in LAPOR_TEST_LOG_DIR; every hub logger, queue logger and
// spawned `lapor-hub` process of the run writes there at level trace, so the scan at the end
// sees every line any code path can log. Without the variable (a script importing these
// helpers outside vitest) loggers stay silent and nothing is written.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';

export const RUN_LOG_DIR_ENV = 'LAPOR_TEST_LOG_DIR';
export const runLogDir = (): string | undefined => process.env[RUN_LOG_DIR_ENV] || undefined;

/** trace while a run directory exists (TEST_LOG_LEVEL still wins), else silent. */
export const runLogLevel = (): string => process.env.TEST_LOG_LEVEL ?? (runLogDir() ? 'trace' : 'silent');

const destinations = new Map<string, pino.DestinationStream>();

/**
 * One buffered file per worker and label, shared by every logger of that label in the worker.
 * Buffered (8 KiB) so that tracing does not slow the suite; flushed synchronously at exit.
 */
export function runLogDestination(label: string): pino.DestinationStream | undefined {
  const dir = runLogDir();
  if (!dir) return undefined;
  let destination = destinations.get(label);
  if (!destination) {
    const boom = pino.destination({ dest: join(dir, `${label}-${process.pid}.log`), minLength: 8192, sync: true });
    process.once('exit', () => boom.flushSync());
    destinations.set(label, boom);
    destination = boom;
  }
  return destination;
}

/** Writes out what the buffered run logs of this worker hold so far. */
export function flushRunLogs(): void {
  for (const destination of destinations.values()) (destination as ReturnType<typeof pino.destination>).flushSync();
}

/** A test's own log sink (pino destination) that also copies every line to the run's logs. */
export function teeToRunLog(sink: { write(line: string): unknown }, label: string): pino.DestinationStream {
  const copy = runLogDestination(label);
  return {
    write(line: string) {
      copy?.write(line);
      sink.write(line);
    },
  };
}

let processes = 0;

/** A file for one spawned process's output; append chunks to it as they arrive. */
export function processOutputFile(name: string): ((chunk: Buffer | string) => void) {
  const dir = runLogDir();
  if (!dir) return () => {};
  const file = join(dir, `process-${name}-${process.pid}-${++processes}.log`);
  return (chunk) => appendFileSync(file, chunk);
}
