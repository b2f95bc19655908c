// lapor-hub start / worker: runs until SIGTERM or SIGINT, then stops gracefully
// (running jobs finish, the server closes, the database is closed).
import { createHub } from '../app.js';
import type { Config } from '../config.js';
import { boundOldSpaceGrowth } from './heap.js';
import { exitOnDatabaseDeath } from './process-errors.js';

export async function start(config: Config, parts: { http: boolean; channels: boolean; workers: boolean }): Promise<number> {
  // a dead embedded engine cannot be revived in place: exit, and the supervisor restarts the hub
  const hub = await createHub(config, { ...parts, onFatal: exitOnDatabaseDeath });
  await hub.start();
  boundOldSpaceGrowth();
  if (parts.http) {
    console.log(`lapor-hub is running: web chat at ${hub.url}/` +
      (hub.simulator ? `, LAPOR! simulator at ${hub.url}/simulator/lapor/` : ''));
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      hub.logger.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  const forceExit = setTimeout(() => process.exit(1), 30_000);
  forceExit.unref();
  await hub.stop();
  return 0;
}
