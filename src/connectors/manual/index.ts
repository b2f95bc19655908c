export { ManualConnector } from './connector.js';
