// Baileys' auth state (creds and every signal key) in the integration's state store, never in
// files: a restart or a new machine on the same database resumes the session without pairing.
// Values are Baileys' BufferJSON (Buffers survive as base64). Keys: `creds`, `key:<type>:<id>`.
import {
  BufferJSON, initAuthCreds, proto,
  type AuthenticationCreds, type AuthenticationState, type SignalDataSet, type SignalDataTypeMap, type SignalKeyStore,
} from '@whiskeysockets/baileys';
import type { ChannelStateStore } from '../../src/core/channel.js';

export const CREDS_KEY = 'creds';
const keyOf = (type: string, id: string) => `key:${type}:${id}`;

export const serialise = (value: unknown): string => JSON.stringify(value, BufferJSON.replacer);
export const deserialise = <T>(text: string): T => JSON.parse(text, BufferJSON.reviver) as T;

export interface StoredAuthState {
  state: AuthenticationState;
  /** true when creds came from the database (a session to resume, paired or not) */
  resumed: boolean;
  /** writes the whole creds object (Baileys mutates it in place; an update is partial) */
  saveCreds(update?: Partial<AuthenticationCreds>): Promise<void>;
}

export async function loadAuthState(store: ChannelStateStore): Promise<StoredAuthState> {
  const stored = await store.get(CREDS_KEY);
  const creds: AuthenticationCreds = stored ? deserialise<AuthenticationCreds>(stored) : initAuthCreds();

  const keys: SignalKeyStore = {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const found = await store.getMany(ids.map((id) => keyOf(type, id)));
      const result: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const id of ids) {
        const text = found.get(keyOf(type, id));
        if (text === undefined) continue;
        let value = deserialise<SignalDataTypeMap[T]>(text);
        // Baileys expects the protobuf class here, not the plain object JSON gives back
        if (type === 'app-state-sync-key') value = proto.Message.AppStateSyncKeyData.fromObject(value as object) as unknown as SignalDataTypeMap[T];
        result[id] = value;
      }
      return result;
    },
    /** one setMany: every key of one Baileys transaction is written, or none */
    async set(data: SignalDataSet) {
      const entries: Record<string, string | null> = {};
      for (const [type, values] of Object.entries(data)) {
        for (const [id, value] of Object.entries(values ?? {})) {
          entries[keyOf(type, id)] = value === null || value === undefined ? null : serialise(value);
        }
      }
      if (Object.keys(entries).length > 0) await store.setMany(entries);
    },
    async clear() {
      await store.deletePrefix('key:');
    },
  };

  return {
    state: { creds, keys },
    resumed: stored !== undefined,
    async saveCreds(update) {
      if (update) Object.assign(creds, update);
      await store.setMany({ [CREDS_KEY]: serialise(creds) });
    },
  };
}
