export { WebhookConnector, shortId, type WebhookConnectorOptions } from './connector.js';
