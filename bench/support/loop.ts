// The closed-loop load generator: C workers, each sends its next request as soon as the
// previous one is answered; a warm-up first (not counted), then D seconds measured.
import http from 'node:http';

export interface Request {
  path: string;
  body: string;
  headers?: Record<string, string>;
}

export interface Result {
  target: string;
  requests: number;
  ok: number;
  errors: number;
  /** non-2xx answers by status ("network" for a failed request) */
  byStatus: Record<string, number>;
  perSecond: number;
  p50: number;
  p99: number;
}

export interface LoopOptions {
  target: string;
  /** several: worker w sends to url[w % n] (a client-side round robin over hub processes) */
  url: string | string[];
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
  /** the next request of worker `worker` (its `n`th) */
  next: (worker: number, n: number) => Request;
}

export async function runLoop(o: LoopOptions): Promise<Result> {
  const bases = [o.url].flat().map((u) => new URL(u));
  // one keep-alive socket per worker, as a proxy in front of the hub would keep them
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const latencies: number[] = [];
  const byStatus: Record<string, number> = {};
  let ok = 0;
  let measuring = false;
  const warmupEnds = Date.now() + o.warmupSeconds * 1000;
  const ends = warmupEnds + o.seconds * 1000;
  setTimeout(() => (measuring = true), o.warmupSeconds * 1000);

  const worker = async (w: number) => {
    for (let n = 0; Date.now() < ends; n++) {
      const request = o.next(w, n);
      const started = performance.now();
      const status = await post(agent, bases[w % bases.length]!, request).catch(() => 'network');
      const ms = performance.now() - started;
      if (!measuring || Date.now() > ends) continue;
      if (typeof status === 'number' && status >= 200 && status < 300) {
        ok++;
        latencies.push(ms);
      } else byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, w) => worker(w)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const errors = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return {
    target: o.target, requests: ok + errors, ok, errors, byStatus,
    perSecond: ok / o.seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99),
  };
}

function post(agent: http.Agent, base: URL, request: Request): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      agent, host: base.hostname, port: base.port, path: request.path, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body), ...request.headers },
    }, (res) => {
      res.resume(); // read the whole answer: the client would
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
