import { describe, expect, it } from 'vitest';
import { ConnectorConfigError, createConnector } from '../../src/connectors/factory.js';
import { LaporConnector } from '../../src/connectors/lapor/index.js';
import { ManualConnector } from '../../src/connectors/manual/index.js';
import { WebhookConnector } from '../../src/connectors/webhook/index.js';

const defaults = { laporApiUrl: 'http://localhost:3000/simulator/lapor', laporApiToken: 't' };

describe('createConnector', () => {
  it('builds lapor by default, with or without overrides', () => {
    expect(createConnector({ connectorType: 'lapor', connectorConfig: {} }, defaults)).toBeInstanceOf(LaporConnector);
    expect(createConnector({ connectorType: '', connectorConfig: null }, defaults).type).toBe('lapor');
    const c = createConnector(
      { connectorType: 'lapor', connectorConfig: { apiUrl: 'https://api.lapor.go.id/v1', token: 'agency', timeoutMs: 5000 } },
      defaults,
    );
    expect(c.type).toBe('lapor');
  });

  it('builds webhook and manual connectors', () => {
    const webhook = { connectorType: 'webhook', connectorConfig: { url: 'https://sp4n.jabar.go.id/hook', secret: 'a-secret-of-16-chars' } };
    expect(createConnector(webhook, defaults)).toBeInstanceOf(WebhookConnector);
    expect(createConnector({ connectorType: 'manual', connectorConfig: {} }, defaults)).toBeInstanceOf(ManualConnector);
  });

  it('refuses bad configs with a message naming the field', () => {
    const bad = (connectorType: string, connectorConfig: unknown) => () => createConnector({ connectorType, connectorConfig }, defaults);
    expect(bad('webhook', { url: 'https://x.example' })).toThrow(/webhook.*secret/);
    expect(bad('webhook', { url: 'ftp://x.example', secret: 'a-secret-of-16-chars' })).toThrow(/url/);
    expect(bad('lapor', { apiURL: 'https://x.example' })).toThrow(ConnectorConfigError);
    expect(bad('lapor', { apiUrl: 'not a url' })).toThrow(/apiUrl/);
    expect(bad('manual', { anything: 1 })).toThrow(ConnectorConfigError);
    expect(bad('fax', {})).toThrow(/unknown connectorType "fax"/);
  });
});
