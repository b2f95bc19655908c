// The LAPOR! client tells every failed request to its onError hook (the errors metric): the HTTP
// status of a refusal, `network` when nothing answers, `timeout` when the answer does not come.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaporConnector } from '../../src/connectors/lapor/index.js';
import { freePort } from '../support/process.js';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/slow')) return; // never answers
    if (req.url?.startsWith('/garbled')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('not json');
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad token"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const errorsOf = async (apiUrl: string, call: (c: LaporConnector) => Promise<unknown>, timeoutMs = 2_000) => {
  const seen: string[] = [];
  const connector = new LaporConnector({ apiUrl, timeoutMs, onError: (operation, status) => void seen.push(`${operation} ${status}`) });
  await expect(call(connector)).rejects.toThrow();
  return seen;
};

describe('LAPOR! API errors are told with their status', () => {
  it('a refusal: its HTTP status, once per request', async () => {
    expect(await errorsOf(base, (c) => c.fetchUpdates(null))).toEqual(['updates 401']);
    expect(await errorsOf(base, (c) => c.getComplaint('1234567'))).toEqual(['complaint 401']);
  });
  it('a 2xx that is not JSON keeps its status', async () => {
    expect(await errorsOf(`${base}/garbled`, (c) => c.fetchUpdates(null))).toEqual(['updates 200']);
  });
  it('nothing listening: network; no answer in time: timeout', async () => {
    expect(await errorsOf(`http://127.0.0.1:${await freePort()}`, (c) => c.fetchUpdates(null))).toEqual(['updates network']);
    expect(await errorsOf(`${base}/slow`, (c) => c.fetchUpdates(null), 200)).toEqual(['updates timeout']);
  });
  it('a failed health check counts too', async () => {
    const seen: string[] = [];
    const connector = new LaporConnector({ apiUrl: base, onError: (o, s) => void seen.push(`${o} ${s}`) });
    expect((await connector.health()).ok).toBe(false);
    expect(seen).toEqual(['health 401']);
  });
});
