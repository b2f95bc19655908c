// Prisma's CLI downloads engine binaries unless these point at a file. The hub
// uses the client engine (WASM query compiler) and its own migration runner, so
// no binary engine is ever executed: a stub that fails is enough.
import { mkdirSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export function prismaOfflineEnv() {
  const dir = join(tmpdir(), 'lapor-hub-prisma');
  const stub = join(dir, 'no-engine');
  if (!existsSync(stub)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(stub, '#!/bin/sh\necho "lapor-hub: prisma engine binaries are not used" >&2\nexit 1\n');
    chmodSync(stub, 0o755);
  }
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: stub,
    PRISMA_QUERY_ENGINE_LIBRARY: stub,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
}
