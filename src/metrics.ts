// Prometheus metrics (GET /metrics). No labels carry personal data.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lapor_hub_' });
  return {
    registry,
    httpRequests: new Histogram({
      name: 'lapor_hub_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    inboundMessages: new Counter({
      name: 'lapor_hub_inbound_messages_total',
      help: 'Citizen messages handled, by channel type and outcome',
      labelNames: ['channel', 'outcome'] as const,
      registers: [registry],
    }),
    complaintsConfirmed: new Counter({
      name: 'lapor_hub_complaints_confirmed_total',
      help: 'Complaints confirmed by citizens, by channel type',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
