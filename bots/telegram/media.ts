// Fetches a photo/document the citizen sent (getFile + the file path under apiRoot)
// and hands the bytes to the hub's MediaStore.
import type { Api } from 'grammy';
import { MEDIA_LIMITS, type MediaStore } from '../../src/core/channel.js';
import type { InboundContent } from '../../src/core/messages.js';
import type { MediaRef } from './inbound.js';

export interface FileSource {
  api: Api;
  token: string;
  apiRoot: string;
}

export async function download(ref: MediaRef, source: FileSource, store: MediaStore): Promise<InboundContent> {
  const file = await source.api.getFile(ref.fileId);
  if ((file.file_size ?? 0) > MEDIA_LIMITS.maxBytes) return { kind: 'unsupported', what: 'too_large' };
  if (!file.file_path) throw new Error(`getFile gave no file_path for ${ref.fileId}`);
  // the same root as every API call: a local Bot API server or a test double serves files too
  const url = `${source.apiRoot}/file/bot${source.token}/${file.file_path}`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`file download failed: HTTP ${res.status}`);
  const data = Buffer.from(await res.arrayBuffer());
  // file_size is optional in the Bot API: check the bytes themselves as well
  if (data.length > MEDIA_LIMITS.maxBytes) return { kind: 'unsupported', what: 'too_large' };
  const attachment = await store.save(data, { filename: ref.filename, mimeType: ref.mimeType });
  return ref.caption === undefined ? { kind: 'attachment', attachment } : { kind: 'attachment', attachment, caption: ref.caption };
}
