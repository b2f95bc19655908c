// Prometheus metrics (GET /metrics), documented in docs/metrics.md. Labels are channel types,
// integration ids, job kinds and HTTP statuses only: bounded, and never personal data.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ChannelHealth } from './core/channel.js';

/** An integration's health as a number: connected 1, degraded 0.5, disconnected 0. */
export const HEALTH_VALUE: Record<ChannelHealth['status'], number> = { connected: 1, degraded: 0.5, disconnected: 0 };

export interface IntegrationHealthSample {
  integrationId: string;
  type: string;
  status: ChannelHealth['status'];
}

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lapor_hub_' });
  // read at scrape time; set once the channels are built (src/app.ts)
  let integrations: () => IntegrationHealthSample[] = () => [];
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
    messagesIn: new Counter({
      name: 'lapor_hub_messages_in_total',
      help: 'Citizen messages received (redeliveries excluded), by channel type and integration',
      labelNames: ['channel', 'integration'] as const,
      registers: [registry],
    }),
    messagesOut: new Counter({
      name: 'lapor_hub_messages_out_total',
      help: 'Bot replies to citizen messages, stored for sending, by channel type and integration',
      labelNames: ['channel', 'integration'] as const,
      registers: [registry],
    }),
    messagesDelivered: new Counter({
      name: 'lapor_hub_messages_delivered_total',
      help: 'Messages to citizens accepted by their platform (every kind: replies, status updates, officers\' answers), by channel type and integration',
      labelNames: ['channel', 'integration'] as const,
      registers: [registry],
    }),
    messagesUndeliverable: new Counter({
      name: 'lapor_hub_messages_undeliverable_total',
      help: 'Messages to citizens given up on, by channel type and reason (blocked, permanent, removed)',
      labelNames: ['channel', 'reason'] as const,
      registers: [registry],
    }),
    conversationsStarted: new Counter({
      name: 'lapor_hub_conversations_started_total',
      help: 'Report conversations started, by channel type and integration',
      labelNames: ['channel', 'integration'] as const,
      registers: [registry],
    }),
    conversationsCompleted: new Counter({
      name: 'lapor_hub_conversations_completed_total',
      help: 'Report conversations completed (the citizen confirmed a complete report), by channel type and integration',
      labelNames: ['channel', 'integration'] as const,
      registers: [registry],
    }),
    reportsFiled: new Counter({
      name: 'lapor_hub_reports_filed_total',
      help: 'Reports filed with the destination (a tracking id received), by channel type',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    forwardingLatency: new Histogram({
      name: 'lapor_hub_forwarding_latency_seconds',
      help: 'Time from the citizen\'s confirmation to the report being filed with the destination',
      labelNames: ['channel'] as const,
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600],
      registers: [registry],
    }),
    laporApiErrors: new Counter({
      name: 'lapor_hub_lapor_api_errors_total',
      help: 'LAPOR! API requests that failed, by operation and HTTP status (network, timeout without one)',
      labelNames: ['operation', 'status'] as const,
      registers: [registry],
    }),
    integrationHealth: new Gauge({
      name: 'lapor_hub_integration_health',
      help: 'Channel integrations running in this process: 1 connected, 0.5 degraded, 0 disconnected',
      labelNames: ['integration', 'type'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const s of integrations()) this.set({ integration: s.integrationId, type: s.type }, HEALTH_VALUE[s.status]);
      },
    }),
    /** where the integration health gauge reads from at scrape time */
    observeIntegrations(source: () => IntegrationHealthSample[]): void {
      integrations = source;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
