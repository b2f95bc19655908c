// The baseline for the hub benchmarks: node:http, parse the JSON body, one INSERT per
// request into the same PostgreSQL server, answer 200 JSON. What a hub could at best
// approach on this machine. Run as a child process: DATABASE_URL, PORT (0 = any); it
// prints `listening <port>` once ready.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS bench_message (
  id bigserial PRIMARY KEY, session text NOT NULL, body jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      // web chat sends sessionId; a webhook body is keyed by its update or message id
      const session = String(body.sessionId ?? body.update_id ?? 'webhook');
      const { rows } = await pool.query('INSERT INTO bench_message (session, body) VALUES ($1, $2) RETURNING id', [session, body]);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, id: rows[0].id }));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
