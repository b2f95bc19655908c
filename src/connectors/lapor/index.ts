export { LaporConnector, type LaporConnectorOptions } from './connector.js';
export { verifyLaporSignature, parseLaporUpdate, InvalidLaporUpdateError } from './push.js';
export type { ComplaintState } from './wire.js';
