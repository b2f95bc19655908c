// PGlite's engine is PostgreSQL compiled to WebAssembly, running on this process's stack. A
// query that overflows that stack or traps inside the engine (a jsonb value nested some
// hundreds of levels deep is enough: the depth depends on how much stack the caller left)
// throws a WebAssembly RuntimeError ("memory access out of bounds", "unreachable") or a
// RangeError ("Maximum call stack size exceeded") out of the engine, and leaves it broken:
// PGlite does not notice, stays `ready`, and every later query either throws the same error,
// answers a protocol error ("cannot drop active portal", "received invalid response"),
// resolves with no rows at all (even `SELECT 1`), or spins forever inside the engine.
//
// The guard makes that death fatal and loud: every call into the engine passes through it;
// the first engine failure marks the instance dead and is reported once (onDied), and from
// then on every call throws DatabaseEngineDied at once, never entering the engine again.

import type { PGlite } from '@electric-sql/pglite';

/** The embedded database engine failed and cannot answer any more: restart the process. */
export class DatabaseEngineDied extends Error {
  override name = 'DatabaseEngineDied';
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(`the embedded database engine (PGlite) died: ${reason}; no query can run until the process restarts`, options);
  }
}

/** An error thrown out of the WebAssembly engine itself, after which its memory and stack are not to be trusted. */
export function isEngineFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof WebAssembly.RuntimeError || error.name === 'RuntimeError') return true; // a trap
  if (error instanceof RangeError && /call stack/i.test(error.message)) return true; // stack overflow in the engine
  if (/^Aborted\(/.test(error.message)) return true; // Emscripten's abort()
  return error.name === 'ExitStatus'; // the engine called exit()
}

/** a statement that always answers a row description with columns, even with no rows (not
 *  `SELECT … INTO` nor a zero-column `SELECT FROM t`: the hub writes neither) */
const ROW_RETURNING = /^\s*(select|values|show)\b/i;

export interface PgliteGuard {
  /** the death, once it happened */
  readonly died: DatabaseEngineDied | undefined;
}

/**
 * Guards `client` in place (its methods, so that PGlite's own internal calls — a
 * transaction's BEGIN, COMMIT and ROLLBACK — are guarded too) and returns the guard's state.
 */
export function guardPglite(client: PGlite, onDied: (error: DatabaseEngineDied) => void): PgliteGuard {
  let died: DatabaseEngineDied | undefined;
  // each later call gets an error of its own (its own stack; Prisma adds fields to what it rethrows)
  const dead = () => new DatabaseEngineDied(died!.reason, { cause: died!.cause });
  const die = (reason: string, cause?: unknown): DatabaseEngineDied => {
    if (!died) {
      died = new DatabaseEngineDied(reason, { cause });
      try {
        onDied(died);
      } catch {
        // the callback's own failure must not hide the death from the query that found it
      }
    }
    return died;
  };

  // every query, exec and transaction statement reaches the engine through this one method
  const execProtocolRawSync = client.execProtocolRawSync.bind(client);
  client.execProtocolRawSync = (message, options) => {
    if (died) throw dead();
    try {
      return execProtocolRawSync(message, options);
    } catch (error) {
      if (isEngineFailure(error)) throw die(`${(error as Error).name}: ${(error as Error).message}`, error);
      throw error;
    }
  };

  // a second line: an engine broken in a way the first did not see answers a SELECT without
  // even a row description, which PostgreSQL never does
  const query = client.query.bind(client) as PGlite['query'];
  client.query = (async (sql: string, params?: unknown[], options?: object) => {
    if (died) throw dead();
    const result = await query(sql, params, options as never);
    if (typeof sql === 'string' && ROW_RETURNING.test(sql) && result.fields.length === 0) {
      throw die('a SELECT was answered without a row description');
    }
    return result;
  }) as PGlite['query'];

  // pglite-prisma-adapter calls a transaction's rollback() without awaiting it: on a dead
  // engine that rejection would be unhandled; whoever awaits it still gets it
  const transaction = client.transaction.bind(client);
  client.transaction = ((callback: Parameters<PGlite['transaction']>[0]) => transaction((tx) => {
    const rollback = tx.rollback.bind(tx);
    tx.rollback = () => {
      const rolledBack = rollback();
      rolledBack.catch(() => {});
      return rolledBack;
    };
    return callback(tx);
  })) as PGlite['transaction'];

  return {
    get died() {
      return died;
    },
  };
}
