// postinstall: generate the Prisma client without downloading engines.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { prismaOfflineEnv } from './prisma-env.mjs';

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
execFileSync(process.execPath, [prismaCli, 'generate', '--schema', 'prisma/schema.prisma'], {
  env: prismaOfflineEnv(),
  stdio: ['ignore', 'ignore', 'inherit'],
});
console.log('lapor-hub: Prisma client generated');
