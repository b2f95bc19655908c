// The connector layer's public surface for the hub.
export * from './connector.js';
export { createConnector, ConnectorConfigError, CONNECTOR_TYPES, type ConnectorType, type ConnectorDefaults } from './factory.js';
export { toLaporReport, toE164, clip, REPORT_LIMITS, type ReportContext } from './report.js';
export { LaporConnector, verifyLaporSignature, parseLaporUpdate, InvalidLaporUpdateError, type ComplaintState } from './lapor/index.js';
export { WebhookConnector, shortId } from './webhook/index.js';
export { ManualConnector } from './manual/index.js';
export { signBody, verifySignature } from './signature.js';
export { parseRetryAfter } from './http.js';
